using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneStop.Domain.Ingestion;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Ingestion;

/// <summary>The admin's /settings/api-keys and /settings/import in real Chromium against the real app.</summary>
public sealed class SettingsPagesBrowserTests(BrowserFixture browser, IngestionTestBed bed) : IClassFixture<BrowserFixture>, IClassFixture<IngestionTestBed>
{
    private Task<IPage> AdminAsync(string url) => browser.SignedInPageAsync(bed.App.BaseAddress, "admin", url, IngestionTestBed.Password);

    [Fact]
    public async Task The_admin_limits_a_key_to_one_department_and_the_key_sees_only_that_department()
    {
        var page = await AdminAsync("/settings/api-keys");
        await page.GetByTestId("apikey-name").FillAsync("Hệ thống riêng của Sở Tư pháp");
        await page.Locator("[data-testid=apikey-department][data-code=STP]").CheckAsync();
        await page.GetByTestId("apikey-create").ClickAsync();
        var secret = (await page.GetByTestId("apikey-secret").TextContentAsync())!.Trim();
        var row = page.GetByTestId("apikey-row").Filter(new() { HasText = "Hệ thống riêng của Sở Tư pháp" });
        await Assertions.Expect(row.GetByTestId("apikey-row-departments")).ToHaveTextAsync("STP");

        using var http = bed.Client(secret);
        var put = await http.PutAsync("/api/v1/dossiers/K21-ui", IngestionTestBed.Json("""
            {"procedureCode":"SNV-01","channel":"online","receivedAt":"2026-11-17T10:00:00+07:00",
             "applicant":{"name":"Trần Thị Bích Ngọc","phone":"0905 123 456","idNumber":"045190004321","address":"25 Hùng Vương"},"resultDelivery":"counter"}
            """));
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode); // a Sở Nội vụ procedure
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_admin_creates_a_key_sees_its_secret_once_uses_it_and_revokes_it()
    {
        var page = await AdminAsync("/settings/api-keys");
        await page.GetByTestId("apikey-name").FillAsync("");
        await page.GetByTestId("apikey-create").ClickAsync();
        await Assertions.Expect(page.GetByTestId("apikey-name-error")).ToContainTextAsync("Tên khóa: bắt buộc");

        await page.GetByTestId("apikey-name").FillAsync("Hệ thống một cửa tỉnh Quảng Trị");
        await page.GetByTestId("apikey-read").UncheckAsync();
        await page.GetByTestId("apikey-create").ClickAsync();
        var secret = (await page.GetByTestId("apikey-secret").TextContentAsync())!.Trim();
        Assert.Matches("^os_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$", secret);
        var row = page.GetByTestId("apikey-row").Filter(new() { HasText = "Hệ thống một cửa tỉnh Quảng Trị" });
        await Assertions.Expect(row).ToContainTextAsync("chỉ ghi");
        await Assertions.Expect(row).ToContainTextAsync(secret[..11]);

        using (var http = bed.Client(secret))
        {
            // Write scope only: reading is forbidden, writing passes the door (and is judged on its content).
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/v1/dossiers/H50.9-x")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await http.PutAsync("/api/v1/dossiers/H50.9-x", IngestionTestBed.Json("{}"))).StatusCode);
        }
        // Shown once: a fresh visit lists the key by its prefix, never the secret.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("apikey-row").First).ToBeVisibleAsync();
        Assert.DoesNotContain(secret, await page.ContentAsync());
        // The reloaded page is prerendered first: its revoke button does nothing until the circuit is up.
        await BrowserFixture.WaitLiveAsync(page);

        await page.GetByTestId("apikey-row").Filter(new() { HasText = "Hệ thống một cửa tỉnh Quảng Trị" }).GetByTestId("apikey-revoke").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Thu hồi" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("apikey-row").Filter(new() { HasText = "Hệ thống một cửa tỉnh Quảng Trị" }).GetByTestId("apikey-status"))
            .ToContainTextAsync("Đã thu hồi");
        using (var http = bed.Client(secret))
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PutAsync("/api/v1/dossiers/H50.9-x", IngestionTestBed.Json("{}"))).StatusCode);
    }

    [Fact]
    public async Task The_admin_uploads_a_CSV_sees_every_bad_line_then_imports_the_corrected_file()
    {
        var page = await AdminAsync("/settings/import");
        var header = string.Join(",", HistoryImport.Columns);
        var bad = $"{header}\nH50.8-a,SNV,SNV-01,online,2026-11-02T08:00:00+07:00,,,,counter,received\nH50.8-b,SNV,SNV-01,online,2026-11-02T08:00:00+07:00,,,,counter,đang xử lý\n";
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "lich-su.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) });
        await Assertions.Expect(page.GetByTestId("import-rejected")).ToContainTextAsync("1 lỗi");
        var problems = page.GetByTestId("import-problems");
        await Assertions.Expect(problems).ToContainTextAsync("status");
        await Assertions.Expect(problems).ToContainTextAsync("«đang xử lý» không hợp lệ");
        await Assertions.Expect(problems.Locator("td").First).ToHaveTextAsync("3");
        Assert.Equal(0, await CountOfAsync("H50.8-"));

        var good = bad.Replace("đang xử lý", "in-progress");
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "lich-su.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(good) });
        await Assertions.Expect(page.GetByTestId("import-count")).ToHaveTextAsync("2");
        Assert.Equal(2, await CountOfAsync("H50.8-"));
    }

    private async Task<int> CountOfAsync(string prefix)
    {
        await using var db = bed.App.CreateDb();
        return db.Dossiers.Count(d => d.Code.StartsWith(prefix));
    }
}
