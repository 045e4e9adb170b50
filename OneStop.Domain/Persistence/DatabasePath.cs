using Microsoft.Data.Sqlite;

namespace OneStop.Domain.Persistence;

public static class DatabasePath
{
    /// <summary>
    /// Makes a relative "Data Source" absolute against <paramref name="baseDirectory"/> and creates
    /// its folder, so the database lands in the same place whatever the working directory.
    /// </summary>
    public static string Resolve(string connectionString, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && !source.StartsWith("file:", StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(Path.IsPathRooted(source) ? source : Path.Combine(baseDirectory, source));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            builder.DataSource = full;
        }
        return builder.ToString();
    }
}
