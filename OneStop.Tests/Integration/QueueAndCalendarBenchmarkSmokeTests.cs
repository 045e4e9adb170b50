using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using OneStop.Benchmarks;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;

namespace OneStop.Tests.Integration;

/// <summary>
/// The department queue and appointment benchmarks on the tiny data set: no timings asserted, but each runs under
/// BenchmarkDotNet, the queue's SQL floor gives exactly the query's result, and the appointment loop computes what the
/// calendar computes.
/// </summary>
[Collection(BenchmarkStatics.Name)]
public sealed class QueueAndCalendarBenchmarkSmokeTests(OverviewBenchmarkSmokeTests.TinyData data) : IClassFixture<OverviewBenchmarkSmokeTests.TinyData>
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    [Fact]
    public async Task The_queue_floor_gives_the_same_queue_as_the_query()
    {
        var benchmarks = new QueueBenchmarks();
        benchmarks.UseData(data.File, OverviewBenchmarkSmokeTests.TinyData.Options);
        benchmarks.Setup();
        try
        {
            var floor = await benchmarks.HandWrittenSql();
            var query = await benchmarks.QueueQuery();
            Assert.NotNull(query);
            Assert.Equal(benchmarks.OpenInDepartment, query.Items.Count);
            Assert.True(query.Items.Count > 5);
            Assert.Contains(query.Items, i => i.Remaining < TimeSpan.Zero);
            Assert.Equal(JsonSerializer.Serialize(query, Json), JsonSerializer.Serialize(floor, Json));
        }
        finally { benchmarks.Cleanup(); }
    }

    [Fact]
    public void The_appointment_loop_computes_the_calendars_appointments()
    {
        var benchmarks = new AppointmentBenchmarks { Computations = 16 };
        benchmarks.Setup();
        var clock = new DeadlineClock(new WorkingCalendar());
        // The loop's sum is the sum of the calendar's own answers for the same inputs.
        var received = new List<DateTime>();
        var rnd = new Random(20261121);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < 16; i++) received.Add(start.AddMinutes(rnd.Next(0, 3 * 365 * 24 * 60)));
        (int, TimeUnit)[] statutory = [(1, TimeUnit.WorkingDays), (3, TimeUnit.WorkingDays), (5, TimeUnit.WorkingDays), (12, TimeUnit.WorkingDays),
            (15, TimeUnit.WorkingDays), (30, TimeUnit.WorkingDays), (4, TimeUnit.WorkingHours), (8, TimeUnit.WorkingHours)];
        long expected = 0;
        for (int i = 0; i < 16; i++) expected += clock.Appointment(received[i], statutory[i & 7].Item1, statutory[i & 7].Item2).Ticks;
        Assert.Equal(expected, benchmarks.MillionAppointments());
    }

    [Fact]
    public void BenchmarkDotNet_itself_runs_the_queue_and_appointment_benchmarks()
    {
        var summaries = data.WithBenchmarkDotNet("queue-bdn", config => BenchmarkRunner.Run([typeof(QueueBenchmarks), typeof(AppointmentBenchmarks)], config));
        OverviewBenchmarkSmokeTests.TinyData.AssertAllRan(summaries, cases: 3);
    }
}
