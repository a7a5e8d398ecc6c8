namespace InferScale.Cli.Running;

/// <summary>
/// Holds a run directory for one process (a lock file opened without sharing), so that a restarted run may take back
/// the cases an earlier, dead process of the same directory held. A second live process gets a clear error.
/// </summary>
internal sealed class RunDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private RunDirectoryLock(FileStream file) => _file = file;

    /// <summary>Locks <paramref name="directory"/>; throws <see cref="CliException"/> when another process holds it.</summary>
    public static RunDirectoryLock Acquire(string directory)
    {
        var path = Path.Combine(directory, "run.lock");
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            using (var writer = new StreamWriter(file, leaveOpen: true))
                writer.Write(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            file.Flush();
            return new RunDirectoryLock(file);
        }
        catch (IOException ex)
        {
            throw new CliException($"another inferscale process is using {directory} ({path} is locked); wait for it or choose another --out.", ex);
        }
    }

    public void Dispose() => _file.Dispose();
}
