using System.CommandLine;
using System.Reflection;

namespace InferScale.Cli.Commands;

/// <summary><c>inferscale info</c>: prints the version, runtime and hardware this build sees.</summary>
internal static class VersionCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("info", "Print InferScale's version, the .NET runtime, and the CPU features the engine can use.");
        command.SetAction(parse =>
        {
            var version = typeof(InferScale.Generation.IGenerator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            context.Out.WriteLine($"inferscale {version}");
            context.Out.WriteLine($"runtime    {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} on {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}");
            context.Out.WriteLine($"cores      {Environment.ProcessorCount}");
            context.Out.WriteLine($"vectors    Vector512 {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "yes" : "no")}, Vector256 {(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "yes" : "no")}, FMA {(System.Runtime.Intrinsics.X86.Fma.IsSupported ? "yes" : "no")}");
            return 0;
        });
        return command;
    }
}
