/// <summary>
/// A .NET startup hook (DOTNET_STARTUP_HOOKS) for the process tests: when the command line exits, it writes the names of
/// the assemblies it loaded to the file named by VERIFICATION_LOADED_ASSEMBLIES. It uses nothing but the base library.
/// </summary>
internal static class StartupHook
{
    public const string Variable = "VERIFICATION_LOADED_ASSEMBLIES";

    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(path)) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            File.WriteAllLines(path, AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "").Order(StringComparer.Ordinal));
    }
}
