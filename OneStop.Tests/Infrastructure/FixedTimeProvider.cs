namespace OneStop.Tests.Infrastructure;

/// <summary>A clock that says what the test tells it; Advance moves it on.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;
    public override DateTimeOffset GetUtcNow() => _now;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    public void Advance(TimeSpan by) => _now += by;
    public void Set(DateTimeOffset now) => _now = now;
}
