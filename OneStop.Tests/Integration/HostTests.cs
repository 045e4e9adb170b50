using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public void Disconnected_circuits_are_kept_fewer_and_shorter_than_Blazors_defaults_and_the_settings_are_checked()
    {
        var circuits = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Components.Server.CircuitOptions>>().Value;
        Assert.Equal((30, TimeSpan.FromMinutes(2)), (circuits.DisconnectedCircuitMaxRetained, circuits.DisconnectedCircuitRetentionPeriod));

        static Microsoft.AspNetCore.Components.Server.CircuitOptions With(string key, string value)
        {
            var o = new Microsoft.AspNetCore.Components.Server.CircuitOptions();
            OneStop.Web.Hosting.OneStopHost.ConfigureCircuits(o, new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build());
            return o;
        }
        Assert.Equal(5, With("OneStop:Live:CircuitsRetained", "5").DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromSeconds(30), With("OneStop:Live:CircuitRetentionMinutes", "0.5").DisconnectedCircuitRetentionPeriod);
        Assert.Contains("OneStop:Live:CircuitsRetained = -1: must be 0 or more",
            Assert.Throws<InvalidOperationException>(() => With("OneStop:Live:CircuitsRetained", "-1")).Message);
        Assert.Contains("OneStop:Live:CircuitRetentionMinutes = 0: must be more than 0",
            Assert.Throws<InvalidOperationException>(() => With("OneStop:Live:CircuitRetentionMinutes", "0")).Message);
    }

    [Fact]
    public void The_app_runs_with_the_workstation_concurrent_gc_its_benchmarks_measure()
    {
        // The built app's runtimeconfig, which `dotnet run` and a published node start with (OneStop.Web.csproj says why).
        var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "OneStop.Web.runtimeconfig.json")));
        var options = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(options.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(options.GetProperty("System.GC.Concurrent").GetBoolean());
    }
}
