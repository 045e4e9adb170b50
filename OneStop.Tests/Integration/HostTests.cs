using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Dossiers;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Integration;

/// <summary>The real host on a real SQLite file: migrate, seed, health, first page.</summary>
[Collection(SeededAppCollection.Name)]
public sealed class HostTests(SeededAppFixture fixture)
{
    private OneStopApp App => fixture.App;

    [Fact]
    public async Task The_database_file_is_migrated_in_WAL_mode_and_seeded()
    {
        Assert.True(File.Exists(App.DatabaseFile));
        await using var connection = new SqliteConnection($"Data Source={App.DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory;";
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 1);

        await using var db = App.CreateDb();
        Assert.Equal(17, await db.Departments.CountAsync());
        Assert.True(await db.Procedures.CountAsync() >= 60);
        Assert.True(await db.Dossiers.CountAsync() > 30_000);
        var openStatuses = await db.Dossiers.Where(d => d.Status != DossierStatus.Returned && d.Status != DossierStatus.Refused && d.Status != DossierStatus.Withdrawn)
            .Select(d => d.Status).Distinct().ToListAsync();
        Assert.Equal(4, openStatuses.Count);
    }

    [Fact]
    public async Task Health_answers_200_when_the_database_is_reachable()
    {
        var response = await App.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_first_page_lists_departments_with_their_counts_from_the_database()
    {
        var html = await App.Http.GetStringAsync("/");
        Assert.Contains("Sở Nội vụ", html);
        Assert.Contains("Sở Công Thương", html);
        Assert.Contains("Ban Quản lý Khu kinh tế tỉnh", html);
        Assert.Contains("Tổng quan Trung tâm", html);

        await using var db = App.CreateDb();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var overdue = await db.Dossiers.CountAsync(d => (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress) && d.AppointmentAt < now);
        Assert.True(overdue > 0, "the demo has overdue dossiers");
        // The overdue tile shows the same figure, formatted the Vietnamese way.
        Assert.Contains($">{overdue.ToString("N0", new System.Globalization.CultureInfo("vi-VN"))}<", html);
    }

    [Fact]
    public async Task English_is_the_second_culture()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = App.BaseAddress };
        var switchResponse = await http.GetAsync("/culture/en?redirect=/");
        Assert.Equal(HttpStatusCode.Redirect, switchResponse.StatusCode);
        var cookie = switchResponse.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var html = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("Center overview", html);
        Assert.Contains("Received today", html);
        Assert.Contains("Queues by department", html);
        Assert.DoesNotContain("Tiếp nhận hôm nay", html);
        Assert.Contains("<html lang=\"en\"", html);
    }

    [Fact]
    public async Task The_culture_switch_never_redirects_off_site()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = App.BaseAddress };
        var response = await http.GetAsync("/culture/en?redirect=//evil.example/");
        Assert.Equal("/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task The_Blazor_script_the_page_loads_is_the_SDKs_own_for_this_runtime()
    {
        // The page names the script by its fingerprinted URL (MapStaticAssets); the plain one is served too.
        var page = await App.Http.GetStringAsync("/signin");
        var src = System.Text.RegularExpressions.Regex.Match(page, "<script src=\"(_framework/blazor\\.web\\.[^\"]*js)\"").Groups[1].Value;
        Assert.NotEqual("", src);

        // Microsoft.AspNetCore.App.Internal.Assets, the version the SDK chose for this runtime (10.0.x).
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var official = Path.Combine(packages, "microsoft.aspnetcore.app.internal.assets", $"{Environment.Version.Major}.{Environment.Version.Minor}.{Environment.Version.Build}", "_framework", "blazor.web.js");
        Assert.True(File.Exists(official), $"{official} is missing");
        var expected = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(official)));

        foreach (var url in new[] { "/" + src, "/_framework/blazor.web.js" })
        {
            var response = await App.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(expected, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await response.Content.ReadAsByteArrayAsync())));
        }
    }
}
