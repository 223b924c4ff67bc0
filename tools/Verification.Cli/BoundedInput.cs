namespace Verification.Cli;

/// <summary>Reads an input file or standard input up to a stated limit, so an endless or huge stream is refused, not exhausted.</summary>
public static class BoundedInput
{
    /// <summary>The largest input `eval` reads: 64 MiB.</summary>
    public const int MaxBytes = 64 << 20;

    public static string Read(string path)
    {
        using var stream = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
        return Read(stream, MaxBytes);
    }

    /// <summary>The stream as UTF-8 text; more than <paramref name="maxBytes"/> bytes is refused with one line.</summary>
    public static string Read(Stream stream, int maxBytes)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
                throw new Input.InputException($"the input is larger than {Describe(maxBytes)}, the most eval reads");
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Describe(int bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MiB" : $"{bytes} bytes";
}
