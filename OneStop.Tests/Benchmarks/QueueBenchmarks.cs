using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Calendar;
using OneStop.Domain.Dashboard;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Benchmarks;

/// <summary>
/// The busiest department's queue (/queues/{code}: every open dossier of the department, most urgent first) on the
/// large database: <see cref="DepartmentQueueQuery"/> as the app registers it against <see cref="QueueSqlFloor"/>.
/// </summary>
[Config(typeof(MedianColumns))]
[MemoryDiagnoser]
public class QueueBenchmarks
{
    private string? _file;
    private ScaleDataOptions? _options;
    private ScaleDataOptions Options => _options ?? BenchmarkScale.Current;

    public void UseData(string file, ScaleDataOptions options) => (_file, _options) = (file, options);

    private ServiceProvider? _services;
    private DepartmentQueueQuery _query = null!;
    private QueueSqlFloor _floor = null!;

    /// <summary>The department with the most open dossiers (the heaviest queue to draw).</summary>
    public string DepartmentCode { get; private set; } = "";
    public int OpenInDepartment { get; private set; }
    /// <summary>Who looks: the center director (every department, in full).</summary>
    public int DirectorId { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var file = _file ?? BenchmarkData.Ensure(Options, Console.Out);
        var connectionString = BenchmarkData.ConnectionString(file);
        _services = OverviewBenchmarks.Services(connectionString, Options.NowUtc);
        _query = _services.GetRequiredService<DepartmentQueueQuery>();
        var calendars = _services.GetRequiredService<CenterCalendarProvider>();
        _floor = new QueueSqlFloor(connectionString, calendars, _services.GetRequiredService<TimeProvider>());
        calendars.GetAsync().AsTask().GetAwaiter().GetResult();

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT dep."Code", COUNT(*) FROM "Dossiers" AS d JOIN "Departments" AS dep ON dep."Id" = d."DepartmentId"
            WHERE d."Status" IN ('Received','InProgress','WaitingSupplement','ResultReady')
            GROUP BY dep."Code" ORDER BY 2 DESC LIMIT 1
            """;
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            (DepartmentCode, OpenInDepartment) = (r.GetString(0), r.GetInt32(1));
        }
        cmd.CommandText = "SELECT \"Id\" FROM \"Staff\" WHERE \"Role\" = 'Director' AND \"Active\" ORDER BY \"Id\" LIMIT 1";
        DirectorId = Convert.ToInt32(cmd.ExecuteScalar());
        Console.WriteLine($"Queue of {DepartmentCode}: {OpenInDepartment:n0} open dossiers");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        SqliteConnection.ClearAllPools();
    }

    [Benchmark(Baseline = true, Description = "Queue: hand-written SQL (floor)")]
    public Task<DepartmentQueue?> HandWrittenSql() => _floor.RunAsync(DepartmentCode);

    [Benchmark(Description = "Queue: DepartmentQueueQuery")]
    public Task<DepartmentQueue?> QueueQuery() => _query.RunAsync(DepartmentCode, DirectorId);
}
