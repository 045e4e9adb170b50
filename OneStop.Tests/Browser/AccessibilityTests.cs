using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Browser;

/// <summary>
/// axe-core 4.14.1 (npm, installed by run-tests.sh into Browser/axe) finds no serious or critical violation on the
/// screens people work in, in Vietnamese and in English.
/// </summary>
[Collection(SeededAppCollection.Name)]
public sealed class AccessibilityTests(SeededAppFixture fixture, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Lazy<string> AxePath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OneStop.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir?.FullName ?? ".", "OneStop.Tests", "Browser", "axe", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} is missing: run `npm ci --prefix OneStop.Tests/Browser/axe` (run-tests.sh does).");
        return path;
    });

    public static TheoryData<string, string> Screens => new()
    {
        { "director", "vi" }, { "director", "en" }, { "postal1", "vi" }, { "postal1", "en" },
        { "admin", "en" },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task No_serious_or_critical_violation(string user, string language)
    {
        string code;
        await using (var db = fixture.App.CreateDb())
            code = await db.Dossiers.Where(d => d.Department!.Code == "SNV").OrderBy(d => d.Id).Select(d => d.Code).FirstAsync();
        var paths = user == "admin" ? ["/settings", "/settings/api-keys", "/settings/import", "/settings/webhooks", "/jobs", "/notifications"]
            : user == "postal1"
            ? new[] { "/intake", "/my" }
            : ["/", "/queues/SNV", $"/dossiers/{code}", "/my", "/staffing", "/planning/handover", "/reports/monthly"];

        var page = await browser.SignedInPageAsync(fixture.App.BaseAddress, user, paths[0], bypassCsp: true);
        if (language == "en") await page.GotoAsync($"/culture/en?redirect={Uri.EscapeDataString(paths[0])}");
        var found = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            await BrowserFixture.WaitLiveAsync(page);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            // The test's own context bypasses the script policy for axe alone (the policy itself has its own browser test).
            await page.AddScriptTagAsync(new() { Path = AxePath.Value });
            var json = await page.EvaluateAsync<string>(@"async () => JSON.stringify((await axe.run(document, { resultTypes: ['violations'] }))
                .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))");
            found.AddRange(JsonSerializer.Deserialize<string[]>(json)!.Select(v => $"{path}: {v}"));
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
