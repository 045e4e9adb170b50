using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Deadlines;
using OneStop.Jobs;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Jobs;

/// <summary>
/// /hangfire through our cookie sign-in: the director sees the recurring jobs but may not act (no buttons; a command
/// posted anyway is refused and changes nothing), the admin may trigger. Who may open it at all is in the access matrix.
/// </summary>
public sealed class HangfireDashboardTests : IAsyncLifetime
{
    private OneStopApp _app = null!;
    public Task InitializeAsync() { _app = new OneStopApp(demo: true); return Task.CompletedTask; }
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string? DigestLastJob()
    {
        using var connection = _app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs([DailyDigestJob.JobName]).Single().LastJobId;
    }

    /// <summary>Hangfire's own command: "Trigger now" for the digest, with the antiforgery token its page carries.</summary>
    private static async Task<(string Page, HttpStatusCode Trigger)> OpenAndTriggerAsync(HttpClient http)
    {
        var page = await http.GetStringAsync("/hangfire/recurring");
        var header = Regex.Match(page, "<meta name=\"csrf-header\" content=\"([^\"]+)\"").Groups[1].Value;
        var token = Regex.Match(page, "<meta name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(header);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", DailyDigestJob.JobName)]),
        };
        post.Headers.Add(header, token);
        var response = await http.SendAsync(post);
        return (page, response.StatusCode);
    }

    [Fact]
    public async Task The_director_looks_and_the_admin_acts()
    {
        using var director = await SignedInClient.SignInAsync(_app.BaseAddress, "director");
        var (seen, refused) = await OpenAndTriggerAsync(director);
        Assert.All(JobCatalog.All, j => Assert.Contains(j.Name, seen));
        Assert.DoesNotContain("/hangfire/recurring/trigger", seen); // no "Trigger now" button
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        Assert.Null(DigestLastJob()); // nothing was triggered

        using var admin = await SignedInClient.SignInAsync(_app.BaseAddress, "admin");
        var (page, done) = await OpenAndTriggerAsync(admin);
        Assert.Contains("/hangfire/recurring/trigger", page);
        Assert.Equal(HttpStatusCode.NoContent, done);
        Assert.NotNull(DigestLastJob());
        var run = Assert.Single(await JobsTestHost.FinishedRunsAsync(_app.Services, DailyDigestJob.JobName));
        Assert.Equal("manual", run.Trigger); // Hangfire's "Trigger now" counts as run now
        Assert.Equal(JobRunOutcome.Succeeded, run.Outcome);
    }

    [Fact]
    public async Task A_command_without_the_antiforgery_token_is_refused_even_for_the_admin()
    {
        using var admin = await SignedInClient.SignInAsync(_app.BaseAddress, "admin");
        var response = await admin.PostAsync("/hangfire/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", DailyDigestJob.JobName)]));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(DigestLastJob());
    }
}
