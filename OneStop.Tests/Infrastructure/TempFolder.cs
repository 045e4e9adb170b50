namespace OneStop.Tests.Infrastructure;

/// <summary>A fresh folder under the system temp dir, deleted on dispose (real files, not in-memory fakes).</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("onestop-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { /* a lingering handle; temp is cleaned by the OS */ }
    }
}
