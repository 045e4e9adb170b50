using System.Globalization;
using System.Text.Json;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Ingestion;

namespace OneStop.Web.Api;

/// <summary>
/// The working-time calendar for the provincial one-stop system, so both sides agree on
/// appointments. Public: no sign-in, no personal data.
/// </summary>
public static class CalendarEndpoints
{
    public const int MinYear = 1901, MaxYear = 2199;
    public const int MaxWorkingDays = 1000;
    public const double MaxWorkingHours = 7500;

    public sealed record CalendarDayDto(string Date, bool Working, string Kind, string Name);
    public sealed record DueDto(string Due);

    public static void MapCalendarApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/calendar").WithTags("Calendar");

        api.MapGet("/{year}", async (string year, CenterCalendarProvider calendars, CancellationToken ct) =>
        {
            if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < MinYear || y > MaxYear)
                return Invalid("year", $"must be a whole year from {MinYear} to {MaxYear}.");
            var calendar = await calendars.GetAsync(ct);
            var days = calendar.Exceptions(y).Select(d => new CalendarDayDto(
                d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Working, JsonNamingPolicy.CamelCase.ConvertName(d.Kind.ToString()), d.Name));
            return Results.Ok(days);
        });

        api.MapGet("/due", async (HttpRequest request, CenterCalendarProvider calendars, CancellationToken ct) =>
        {
            var q = request.Query;
            var errors = new Dictionary<string, string[]>();
            DateTimeOffset from = default;
            if (q["from"].Count != 1 || string.IsNullOrWhiteSpace(q["from"][0]))
                errors["from"] = ["is required: an ISO 8601 date and time with offset, e.g. 2026-11-23T10:00:00+07:00."];
            else if (!TryParseWithOffset(q["from"][0]!, out from))
                errors["from"] = ["must be an ISO 8601 date and time with an offset (Z or ±hh:mm), e.g. 2026-11-23T10:00:00+07:00."];
            else if (from.Year < MinYear || from.Year > MaxYear)
                errors["from"] = [$"must fall between {MinYear} and {MaxYear}."];

            var hasDays = q.ContainsKey("workingDays");
            var hasHours = q.ContainsKey("workingHours");
            int days = 0;
            double hours = 0;
            if (hasDays == hasHours)
                errors[hasDays ? "workingHours" : "workingDays"] = ["give exactly one of workingDays or workingHours."];
            else if (hasDays && (!int.TryParse(q["workingDays"], NumberStyles.None, CultureInfo.InvariantCulture, out days) || days < 1 || days > MaxWorkingDays))
                errors["workingDays"] = [$"must be a whole number from 1 to {MaxWorkingDays}."];
            else if (hasHours && (!double.TryParse(q["workingHours"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out hours) || hours <= 0 || hours > MaxWorkingHours))
                errors["workingHours"] = [$"must be a number greater than 0 and at most {MaxWorkingHours}."];
            if (errors.Count > 0) return Results.ValidationProblem(errors, title: "Invalid calendar query");

            var clock = await calendars.GetClockAsync(ct);
            var due = hasDays
                ? clock.Appointment(from.UtcDateTime, days, TimeUnit.WorkingDays)
                : clock.Calendar.AddWorkingTime(clock.Calendar.NextOpening(from.UtcDateTime), TimeSpan.FromHours(hours));
            return Results.Ok(new DueDto(FormatVietnam(due)));
        });
    }

    /// <summary>ISO 8601 with an explicit offset; a bare local time is ambiguous and refused.</summary>
    internal static bool TryParseWithOffset(string text, out DateTimeOffset value) => WireNames.TryParseInstant(text, out value);

    internal static string FormatVietnam(DateTime utc) => WireNames.Format(utc);

    private static IResult Invalid(string parameter, string rule) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [rule] }, title: "Invalid calendar query");
}
