using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace OneStop.Jobs;

/// <summary>
/// The Hangfire job store's SQLite file (data/onestop.jobs.db), never the domain database. It is disposable: what matters
/// lives in the domain database (dossiers, notifications, job runs) and the recurring jobs are declared from code at every start.
/// The process that runs the Hangfire server first takes the file's server lock (<see cref="ServerLock"/>), then checks the
/// file: one that fails <c>PRAGMA integrity_check</c>, or still holds Quartz's tables from before Hangfire, is moved aside
/// (kept for inspection, with its -wal and -shm) and a new one is made.
/// </summary>
public sealed class JobStoreFile(string path, ILogger<JobStoreFile> log)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Moves the file aside when it is damaged or Quartz's; returns where it went, or null when it was kept (or absent).</summary>
    public string? MoveAsideIfUnusable(DateTime utcNow)
    {
        if (!File.Exists(Path)) return null;
        var verdict = Inspect();
        if (verdict is null) return null;
        var (reason, label) = verdict.Value;
        var aside = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!,
            $"{System.IO.Path.GetFileNameWithoutExtension(Path)}.{label}-{utcNow:yyyyMMdd'T'HHmmss}{System.IO.Path.GetExtension(Path)}");
        SqliteConnection.ClearAllPools();
        File.Move(Path, aside);
        foreach (var suffix in new[] { "-wal", "-shm" })
            if (File.Exists(Path + suffix)) File.Move(Path + suffix, aside + suffix);
        log.LogWarning("Job store {Path}: {Reason}. Moved aside to {Aside} (kept for inspection); a new store is made, " +
                       "the recurring jobs are declared again from code and the start-up sweep catches up from the dossiers themselves", Path, reason, aside);
        return aside;
    }

    /// <summary>Null when the file is a sound job store; otherwise why not and the label of the moved-aside file.</summary>
    private (string Reason, string Label)? Inspect()
    {
        try
        {
            using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            db.Open();
            using (var check = db.CreateCommand())
            {
                check.CommandText = "PRAGMA integrity_check";
                using var r = check.ExecuteReader();
                var lines = new List<string>();
                while (r.Read()) lines.Add(r.GetString(0));
                if (lines is not ["ok"]) return ($"integrity check failed ({string.Join("; ", lines.Take(3))})", "corrupt");
            }
            using var quartz = db.CreateCommand();
            quartz.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'QRTZ!_%' ESCAPE '!'";
            if (Convert.ToInt64(quartz.ExecuteScalar()) > 0) return ("it is the Quartz job store of an earlier version", "quartz");
            return null;
        }
        catch (SqliteException e)
        {
            return ($"it cannot be read as a database ({e.Message})", "corrupt");
        }
    }

    /// <summary>
    /// Takes the store's server lock (an exclusive lock on <c>onestop.jobs.db.server-lock</c>, released by the OS when the
    /// process ends, even by kill -9). Hangfire.Storage.SQLite claims queued jobs with a SELECT then an UPDATE under a lock
    /// that only holds inside one process, so a second process's server would run jobs twice: it is refused here.
    /// </summary>
    public IDisposable ServerLock()
    {
        var file = Path + ".server-lock";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        try
        {
            return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"Another process already runs the Hangfire server on the job store {Path}. With the SQLite store exactly one " +
                "process may run jobs (its queue claim is not atomic across processes): start this one with " +
                "OneStop:Jobs:Enabled=false (it can still show /jobs and trigger jobs), or stop the other one. " +
                "Several job servers need the PostgreSQL store.", e);
        }
    }
}
