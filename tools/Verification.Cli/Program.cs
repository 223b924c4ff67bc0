using System.CommandLine;
using Verification.Cli;

return Cli.Run(args);
