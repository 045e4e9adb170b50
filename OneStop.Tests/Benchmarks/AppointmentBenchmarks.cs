using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;

namespace OneStop.Benchmarks;

/// <summary>
/// One million appointment computations on the working-time calendar (Vietnamese holidays, office sessions):
/// intake instants spread over three years, every minute of the day, with working-day and working-hour
/// statutory times, as the API and the intake form compute them.
/// </summary>
[Config(typeof(MedianColumns))]
[MemoryDiagnoser]
public class AppointmentBenchmarks
{
    public const int Count = 1_000_000;

    /// <summary>How many computations one invocation makes (the smoke test uses fewer).</summary>
    public int Computations { get; set; } = Count;

    private DeadlineClock _clock = null!;
    private DateTime[] _received = [];
    private (int Amount, TimeUnit Unit)[] _statutory = [];

    [GlobalSetup]
    public void Setup()
    {
        _clock = new DeadlineClock(new WorkingCalendar());
        var rnd = new Random(20261121);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        _received = new DateTime[4096];
        for (int i = 0; i < _received.Length; i++) _received[i] = start.AddMinutes(rnd.Next(0, 3 * 365 * 24 * 60));
        _statutory = [(1, TimeUnit.WorkingDays), (3, TimeUnit.WorkingDays), (5, TimeUnit.WorkingDays), (12, TimeUnit.WorkingDays),
            (15, TimeUnit.WorkingDays), (30, TimeUnit.WorkingDays), (4, TimeUnit.WorkingHours), (8, TimeUnit.WorkingHours)];
        _clock.Appointment(_received[0], 5, TimeUnit.WorkingDays); // the years' holidays, built once as in the app
    }

    [Benchmark(Description = "1,000,000 appointments", OperationsPerInvoke = Count)]
    public long MillionAppointments()
    {
        long sum = 0;
        for (int i = 0; i < Computations; i++)
        {
            var (amount, unit) = _statutory[i & 7];
            sum += _clock.Appointment(_received[i & 4095], amount, unit).Ticks;
        }
        return sum;
    }
}
