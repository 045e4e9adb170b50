using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OneStop.Domain.Ingestion;
using OneStop.Tests.Infrastructure;
using OneStop.Tests.Ingestion;

namespace OneStop.Tests.Access;

/// <summary>
/// An unhandled exception is answered, not dropped: the API gets problem details with a trace id, a page gets the
/// bilingual error page with the same id, each logged once. Provoked for real: the dossiers table is taken away under the app.
/// </summary>
[Trait(TestDatabase.ProvidersTrait, TestDatabase.SqliteOnly)] // breaks a SQLite file on purpose
public sealed class ErrorAnswerTests : IAsyncLifetime
{
    private readonly IngestionTestBed _bed = new();

    public Task InitializeAsync() => _bed.InitializeAsync();
    public Task DisposeAsync() => _bed.DisposeAsync();

    private async Task BreakTheDatabaseAsync()
    {
        await using var c = new SqliteConnection($"Data Source={_bed.App.DatabaseFile};Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "ALTER TABLE \"Dossiers\" RENAME TO \"Dossiers_gone\";";
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Unhandled exceptions as the host logged them: the exception handler's one line per failed request, and anything
    /// Kestrel had to catch itself (what a failing error page would add). EF's own error lines about the failed command
    /// are not counted: they describe the cause, not a second failure.
    /// </summary>
    private int ErrorsLogged() => _bed.App.Logs.Entries.Count(e => e.Level >= LogLevel.Error
        && (e.Category.StartsWith("Microsoft.AspNetCore.Diagnostics") || e.Category.StartsWith("Microsoft.AspNetCore.Server")
            || e.Category.StartsWith("Microsoft.AspNetCore.Hosting")));

    [Fact]
    public async Task An_api_call_that_fails_inside_gets_problem_details_with_a_trace_id_and_one_log_entry()
    {
        using var http = _bed.Client(await _bed.NewKeyAsync(ApiScopes.Read | ApiScopes.Write));
        await BreakTheDatabaseAsync();
        var before = ErrorsLogged();

        // A PUT: before, a failing PUT was re-executed as GET /Error, which does not exist, and came back 405 and empty.
        var response = await http.PutAsync("/api/v1/dossiers/H50.1-broken", IngestionTestBed.Json("""
            {"procedureCode":"SNV-01","channel":"online","receivedAt":"2026-11-17T10:00:00+07:00",
             "applicant":{"name":"Trần Thị Bích Ngọc","phone":"0905 123 456","idNumber":"045190004321","address":"25 Hùng Vương, Đông Hà"},
             "resultDelivery":"counter"}
            """));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(500, json.GetProperty("status").GetInt32());
        Assert.Equal("Lỗi máy chủ", json.GetProperty("title").GetString());
        var traceId = json.GetProperty("traceId").GetString()!;
        Assert.Contains(traceId, json.GetProperty("detail").GetString());
        // The exception's own text (table names, SQL) is not sent to the caller.
        Assert.DoesNotContain("Dossiers", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, ErrorsLogged() - before);
    }

    [Fact]
    public async Task A_page_that_fails_while_rendering_gets_the_error_page_with_its_trace_id()
    {
        using var http = await SignedInClient.SignInAsync(_bed.App.BaseAddress, "director", IngestionTestBed.Password);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/my")).StatusCode);
        await BreakTheDatabaseAsync();
        var before = ErrorsLogged();

        var response = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1 data-testid=\"error-title\">Đã có lỗi xảy ra</h1>", html);
        Assert.Contains("Something went wrong on the server", html);
        Assert.Matches("data-testid=\"error-trace\">[^<]{8,}</code>", html);
        Assert.DoesNotContain("SqliteException", html);
        Assert.Equal(1, ErrorsLogged() - before);
    }

    [Theory]
    [InlineData("/%5Cevil.example")]   // "/\evil.example": a browser goes to evil.example
    [InlineData("//evil.example")]
    [InlineData("/ok%0d%0aSet-Cookie:x=1")]
    public async Task A_culture_switch_with_a_foreign_redirect_goes_home_instead_of_failing(string redirect)
    {
        using var http = SignedInClient.New(_bed.App.BaseAddress);
        var before = ErrorsLogged();
        var response = await http.GetAsync($"/culture/en?redirect={redirect}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal(0, ErrorsLogged() - before);
        // A local one still works.
        var local = await http.GetAsync("/culture/vi?redirect=/reports/monthly");
        Assert.Equal("/reports/monthly", local.Headers.Location!.OriginalString);
    }
}
