using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Persistence;

/// <summary>The dossier page itself, interactive in Chromium, on the upgraded EF 6 file: what a person opening it sees.</summary>
public sealed class Ef6UpgradeBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_department_leader_opens_an_EF6_dossier_page_and_sees_its_stored_data()
    {
        using var folder = new TempFolder();
        Ef6UpgradeTests.CopyFixture(folder);
        await using var app = new OneStopApp(demo: true, now: Ef6UpgradeTests.AfterFixture, folder: folder);
        var code = Ef6UpgradeTests.Manifest.Chosen["intake"];
        var expected = Ef6UpgradeTests.Manifest.Ef6Dossiers.Single(d => d["code"]!.GetValue<string>() == code);

        var page = await browser.SignedInPageAsync(app.BaseAddress, "leader1", $"/dossiers/{code}");
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("dossier-code")).ToHaveTextAsync(code);
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("dossier-status")).ToHaveAttributeAsync("data-status", expected["status"]!.GetValue<string>());
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("applicant-name")).ToHaveTextAsync(expected["applicantName"]!.GetValue<string>());
        // The timeline shows the EF 6 build's last event note, Vietnamese text as it was written.
        await Microsoft.Playwright.Assertions.Expect(page.GetByText(expected["lastEvent"]!["note"]!.GetValue<string>()).First).ToBeVisibleAsync();
    }
}
