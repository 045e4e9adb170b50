using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace OneStop.Domain.Persistence;

/// <summary>
/// EF Core 10's SQLite migration lock is a row in <c>__EFMigrationsLock</c> that <c>MigrateAsync</c> inserts and deletes
/// again; a process killed between the two leaves the row behind, and every later <c>MigrateAsync</c> then waits for it
/// forever (no timeout; dotnet/efcore#38958). Two rules keep a restart from hanging on it: migrate only when a
/// migration is pending (then no lock is taken at all), and treat a lock older than <see cref="StaleAfter"/> as left by
/// a dead process (our migrations take seconds), while a younger one is waited for: another node may be migrating.
/// </summary>
public static class MigrationLock
{
    public const string Table = "__EFMigrationsLock";
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>Deletes the lock row when it is older than <see cref="StaleAfter"/> at <paramref name="nowUtc"/>; true when it did.</summary>
    public static async Task<bool> ClearIfStaleAsync(OneStopDbContext db, DateTime nowUtc, ILogger log, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
            exists.Parameters.AddWithValue("$name", Table);
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 0) return false;

            await using var read = connection.CreateCommand();
            read.CommandText = $"SELECT \"Timestamp\" FROM \"{Table}\" WHERE \"Id\" = 1";
            if (await read.ExecuteScalarAsync(ct) is not string text) return false;
            // An unreadable stamp cannot be from a live EF 10 process (it writes a DateTimeOffset): stale too.
            var taken = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at.UtcDateTime : DateTime.MinValue;
            if (nowUtc - taken < StaleAfter) return false;

            await using var delete = connection.CreateCommand();
            delete.CommandText = $"DELETE FROM \"{Table}\" WHERE \"Id\" = 1 AND \"Timestamp\" = $stamp";
            delete.Parameters.AddWithValue("$stamp", text);
            var cleared = await delete.ExecuteNonQueryAsync(ct) == 1;
            if (cleared)
                log.LogWarning("Cleared a migration lock taken at {Taken} and never released (a process stopped while migrating)", text);
            return cleared;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
