using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Integration;

/// <summary>The public calendar API on the real host (no demo data needed: holidays are computed).</summary>
public sealed class CalendarApiTests(CalendarApiTests.EmptyApp fixture) : IClassFixture<CalendarApiTests.EmptyApp>
{
    public sealed class EmptyApp : IAsyncLifetime
    {
        public OneStopApp App { get; private set; } = null!;
        public Task InitializeAsync() { App = new OneStopApp(demo: false); return Task.CompletedTask; }
        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private HttpClient Http => fixture.App.Http;

    private sealed record Day(string Date, bool Working, string Kind, string Name);
    private sealed record Due(string due);

    [Fact]
    public async Task Year_2026_lists_holidays_and_compensatory_days_on_weekdays_only()
    {
        var days = await Http.GetFromJsonAsync<List<Day>>("/api/v1/calendar/2026", JsonSerializerOptions.Web);
        var byDate = days!.ToDictionary(d => d.Date);

        Assert.Equal("holiday", byDate["2026-01-01"].Kind);
        // Tết Bính Ngọ: lunar 1/1 is Tuesday 17 Feb; the eve and the first four days are off.
        foreach (var d in new[] { "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20" })
        {
            Assert.False(byDate[d].Working);
            Assert.Equal("holiday", byDate[d].Kind);
        }
        // Hùng Kings' day (10/3 lunar) is Sunday 26 April: not listed (a Sunday is off anyway), Monday 27 is compensated.
        Assert.DoesNotContain("2026-04-26", byDate.Keys);
        Assert.Equal("compensatoryDayOff", byDate["2026-04-27"].Kind);
        Assert.False(byDate["2026-04-27"].Working);
        Assert.Equal("holiday", byDate["2026-04-30"].Kind);
        Assert.Equal("holiday", byDate["2026-05-01"].Kind);
        Assert.Equal("holiday", byDate["2026-09-02"].Kind);
        Assert.All(days!, d => Assert.False(string.IsNullOrWhiteSpace(d.Name)));
        Assert.All(days!, d => Assert.True(DateOnly.Parse(d.Date).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) || d.Working));
        Assert.Equal(days!.OrderBy(d => d.Date).Select(d => d.Date), days!.Select(d => d.Date));
    }

    [Theory]
    // Monday 10:00 + 3 working days = Thursday 10:00 (DOMAIN.md's own example).
    [InlineData("2026-11-23T10:00:00+07:00", "workingDays=3", "2026-11-26T10:00:00+07:00")]
    // The same instant given in UTC.
    [InlineData("2026-11-23T03:00:00Z", "workingDays=3", "2026-11-26T10:00:00+07:00")]
    // Friday 24 April 2026 + 3: Monday 27 is compensatory, 30 April and 1 May are holidays.
    [InlineData("2026-04-24T10:00:00+07:00", "workingDays=3", "2026-05-04T10:00:00+07:00")]
    // Received after hours on Friday: counting starts Monday 07:30; one day ends Monday 17:00.
    [InlineData("2026-11-20T18:00:00+07:00", "workingDays=1", "2026-11-23T17:00:00+07:00")]
    // Working hours: Monday 16:00 + 2 h = Tuesday 08:30.
    [InlineData("2026-11-23T16:00:00+07:00", "workingHours=2", "2026-11-24T08:30:00+07:00")]
    public async Task Due_is_counted_in_working_time(string from, string amount, string expected)
    {
        var due = await Http.GetFromJsonAsync<Due>($"/api/v1/calendar/due?from={Uri.EscapeDataString(from)}&{amount}");
        Assert.Equal(expected, due!.due);
    }

    [Theory]
    [InlineData("/api/v1/calendar/abc", "year")]
    [InlineData("/api/v1/calendar/1800", "year")]
    [InlineData("/api/v1/calendar/due?workingDays=3", "from")]
    [InlineData("/api/v1/calendar/due?from=2026-11-23T10:00:00&workingDays=3", "from")]
    [InlineData("/api/v1/calendar/due?from=yesterday&workingDays=3", "from")]
    [InlineData("/api/v1/calendar/due?from=2026-11-23T10:00:00%2B07:00", "workingDays")]
    [InlineData("/api/v1/calendar/due?from=2026-11-23T10:00:00%2B07:00&workingDays=3&workingHours=2", "workingHours")]
    [InlineData("/api/v1/calendar/due?from=2026-11-23T10:00:00%2B07:00&workingDays=-1", "workingDays")]
    [InlineData("/api/v1/calendar/due?from=2026-11-23T10:00:00%2B07:00&workingDays=2.5", "workingDays")]
    [InlineData("/api/v1/calendar/due?from=2026-11-23T10:00:00%2B07:00&workingHours=0", "workingHours")]
    public async Task Bad_parameters_get_400_problem_details_naming_the_parameter(string url, string parameter)
    {
        var response = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, body.RootElement.GetProperty("status").GetInt32());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(parameter, out var messages), $"errors should name «{parameter}»: {body.RootElement}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }
}
