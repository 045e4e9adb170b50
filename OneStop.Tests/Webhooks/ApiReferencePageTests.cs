using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Webhooks;

public sealed class ApiReferencePageTests
{
    [Fact]
    public async Task The_api_page_for_people_lists_the_v1_operations_without_any_script_under_the_strict_policy()
    {
        await using var app = new OneStopApp(demo: false, settings: new Dictionary<string, string> { ["OneStop:Jobs:Enabled"] = "false" });
        using var response = await app.Http.GetAsync("/api/docs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("/api/v1/", html);
        Assert.Contains("X-Api-Key", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
