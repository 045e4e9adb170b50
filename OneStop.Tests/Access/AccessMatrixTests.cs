using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Staffing;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Access;

/// <summary>
/// What a request comes to for one person. Forwarded: a redirect elsewhere in the same area (a page that picks a default,
/// e.g. the last month). Unauthorized: the ingestion API takes API keys only, so a sign-in cookie counts for nothing there (401).
/// </summary>
public enum Expect { Ok, SignIn, Denied, BadRequest, Forwarded, Unauthorized }

/// <summary>
/// The demo center (six demo accounts) and the codes the matrix needs: a dossier and a department inside the officer's,
/// leader's and postal1's scope (SNV), and one outside all three.
/// </summary>
public sealed class AccessMatrixFixture : IAsyncLifetime
{
    public OneStopApp App { get; private set; } = null!;
    public Dictionary<string, string> Tokens { get; } = new();
    private readonly Dictionary<string, HttpClient> _clients = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task InitializeAsync()
    {
        App = new OneStopApp(demo: true);
        await using var db = App.CreateDb();
        var postal1 = await db.Staff.Include(s => s.Coverage).SingleAsync(s => s.UserName == "postal1");
        var covered = postal1.Coverage.Select(c => c.DepartmentId).ToList();
        var snv = await db.Departments.SingleAsync(d => d.Code == "SNV");
        var other = await db.Departments.Where(d => !covered.Contains(d.Id) && db.Dossiers.Any(x => x.DepartmentId == d.Id)).OrderBy(d => d.Id).FirstAsync();
        Tokens["{snvDept}"] = snv.Code;
        Tokens["{otherDept}"] = other.Code;
        Tokens["{snv}"] = await db.Dossiers.Where(d => d.DepartmentId == snv.Id).OrderBy(d => d.Id).Select(d => d.Code).FirstAsync();
        Tokens["{other}"] = await db.Dossiers.Where(d => d.DepartmentId == other.Id).OrderBy(d => d.Id).Select(d => d.Code).FirstAsync();
    }

    public string Resolve(string path) => Tokens.Aggregate(path, (p, t) => p.Replace(t.Key, t.Value));

    /// <summary>One signed-in client per person, reused by every cell (signing in costs a password hash).</summary>
    public async Task<HttpClient> ClientAsync(string who)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_clients.TryGetValue(who, out var client))
                _clients[who] = client = who == AccessMatrix.Anonymous ? SignedInClient.New(App.BaseAddress) : await SignedInClient.SignInAsync(App.BaseAddress, who);
            return client;
        }
        finally { _gate.Release(); }
    }

    public async Task DisposeAsync()
    {
        foreach (var c in _clients.Values) c.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>
/// The role × page and role × endpoint matrices. Each page or endpoint is ONE line: its path and who may use it; every
/// other signed-in person must be sent to /denied and an anonymous visitor to /signin. A page or endpoint that the app
/// maps but this table does not list fails <see cref="Every_page_and_endpoint_the_app_maps_is_in_the_matrix"/>.
/// </summary>
public static class AccessMatrix
{
    public const string Anonymous = "anonymous";
    public const string Everyone = "*";
    public static readonly string[] People = [Anonymous, "director", "supervisor", "postal1", "officer1", "leader1", "admin"];
    private const string Readers = "director supervisor postal1 officer1 leader1";
    private const string Staff = "director supervisor postal1 officer1 leader1 admin";
    /// <summary>Department SNV's people (officer1, leader1, postal1 covers it) and those who see every department.</summary>
    private const string SnvScope = Readers;
    /// <summary>A department none of the SNV people handle: only the director and the postal supervisor.</summary>
    private const string OtherScope = "director supervisor";
    /// <summary>The monthly review: the center, the post office's supervisor, department leaders (their own rows) and the admin.</summary>
    private const string Reporters = "director supervisor leader1 admin";

    /// <summary>Pages that, for those allowed, forward to a default (the monthly review opens the last complete month).</summary>
    public static readonly Dictionary<string, string> Forwards = new() { ["/reports/monthly"] = "/reports/monthly/" };

    /// <summary>Pages: path (tokens from <see cref="AccessMatrixFixture"/>), who gets the page.</summary>
    public static readonly (string Path, string Allowed)[] Pages =
    [
        ("/", Everyone),
        ("/wall", Everyone),          // the overview for the office TV: no personal data, as /
        ("/signin", Everyone),
        ("/denied", Everyone),
        ("/my", Staff),
        ("/notifications", Staff),
        ("/staff", "director supervisor postal1"),
        ("/intake", "postal1 officer1"),
        ("/jobs", "director admin"),
        // Hangfire's dashboard behind our sign-in; only the admin's may act (HangfireDashboardTests).
        ("/hangfire", "director admin"),
        ("/hangfire/recurring", "director admin"),
        ("/hangfire/jobs/failed", "director admin"),
        ("/staffing", "director supervisor admin"),
        ("/planning/handover", "director supervisor"), // the hand-over decision is the center's and the post office's, not the admin's
        ("/settings", "admin"),
        ("/settings/api-keys", "admin"),
        ("/settings/import", "admin"),
        ("/settings/webhooks", "admin"),
        ("/queues/{snvDept}", SnvScope),
        ("/queues/{otherDept}", OtherScope),
        ("/dossiers/{snv}", SnvScope),
        ("/dossiers/{other}", OtherScope),
        ("/dossiers/{snv}/receipt", SnvScope),
        ("/dossiers/{other}/receipt", OtherScope),
        ("/dossiers/{snv}/supplement-request", SnvScope),
        ("/dossiers/{other}/supplement-request", OtherScope),
        ("/dossiers/{snv}/refusal", SnvScope),
        ("/dossiers/{other}/refusal", OtherScope),
        ("/dossiers/{snv}/apology", SnvScope),
        ("/dossiers/{other}/apology", OtherScope),
        ("/reports/monthly", Reporters),
        ("/reports/monthly/2026-10", Reporters),
        ("/reports/monthly/2026-10/print", Reporters),
        ("/reports/monthly/2026-10.xlsx", Reporters),
        ("/reports/monthly/2026-10.csv", Reporters),
    ];

    /// <summary>Endpoints: method, path, what everyone gets (none of them carries personal data or needs a role).</summary>
    public static readonly (string Method, string Path, Expect Everyone)[] Endpoints =
    [
        ("GET", "/api/v1/calendar/2026", Expect.Ok),
        ("GET", "/api/v1/calendar/due?from=2026-11-23T10:00:00%2B07:00&workingDays=3", Expect.Ok),
        ("GET", "/health", Expect.Ok),
        ("GET", "/api/docs", Expect.Ok), // the API reference for people: the OpenAPI document, no data
        ("GET", "/_framework/blazor.web.js", Expect.Ok),
        // Forms posted without their antiforgery token are refused, signed in or not.
        ("POST", "/signout", Expect.BadRequest),
        ("POST", "/signin", Expect.BadRequest),
        // The ingestion API: an X-Api-Key or nothing, whoever is signed in (IngestionApiTests and ApiKeyAuthTests cover the keys).
        ("GET", "/api/v1/dossiers/{snv}", Expect.Unauthorized),
        ("GET", "/api/v1/dossiers/{other}", Expect.Unauthorized),
        ("PUT", "/api/v1/dossiers/{snv}", Expect.Unauthorized),
        ("POST", "/api/v1/dossiers/{snv}/events", Expect.Unauthorized),
        ("POST", "/api/v1/import/dossiers", Expect.Unauthorized),
    ];

    public static TheoryData<string, string, Expect> PageCells()
    {
        var data = new TheoryData<string, string, Expect>();
        foreach (var (path, allowed) in Pages)
            foreach (var who in People)
                data.Add(path, who, allowed == Everyone || allowed.Split(' ').Contains(who)
                    ? Forwards.ContainsKey(path) ? Expect.Forwarded : Expect.Ok
                    : who == Anonymous ? Expect.SignIn : Expect.Denied);
        return data;
    }

    public static TheoryData<string, string, string, Expect> EndpointCells()
    {
        var data = new TheoryData<string, string, string, Expect>();
        foreach (var (method, path, expect) in Endpoints)
            foreach (var who in People)
                data.Add(method, path, who, expect);
        return data;
    }
}

public sealed class AccessMatrixTests(AccessMatrixFixture fixture) : IClassFixture<AccessMatrixFixture>
{
    [Theory]
    [MemberData(nameof(AccessMatrix.PageCells), MemberType = typeof(AccessMatrix))]
    public async Task Role_x_page(string path, string who, Expect expect)
    {
        var http = await fixture.ClientAsync(who);
        var response = await http.GetAsync(fixture.Resolve(path));
        await AssertOutcome(response, expect, $"{who} GET {path}");
    }

    [Theory]
    [MemberData(nameof(AccessMatrix.EndpointCells), MemberType = typeof(AccessMatrix))]
    public async Task Role_x_endpoint(string method, string path, string who, Expect expect)
    {
        var http = await fixture.ClientAsync(who);
        using var request = new HttpRequestMessage(new HttpMethod(method), fixture.Resolve(path));
        if (method == "POST") request.Content = new FormUrlEncodedContent(new Dictionary<string, string>());
        var response = await http.SendAsync(request);
        await AssertOutcome(response, expect, $"{who} {method} {path}");
        // Still signed in afterwards: a refused sign-out did not sign anyone out.
        if (who != AccessMatrix.Anonymous && path == "/signout")
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/my")).StatusCode);
    }

    private async Task AssertOutcome(HttpResponseMessage response, Expect expect, string what)
    {
        switch (expect)
        {
            case Expect.Ok:
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: expected 200, got {(int)response.StatusCode} {response.Headers.Location}");
                break;
            case Expect.Forwarded:
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{what}: expected a redirect, got {(int)response.StatusCode}");
                Assert.StartsWith(AccessMatrix.Forwards[what.Split(' ')[^1]], SignedInClient.RedirectPath(response, fixture.App.BaseAddress));
                break;
            case Expect.BadRequest:
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: expected 400, got {(int)response.StatusCode}");
                break;
            case Expect.Unauthorized:
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: expected 401, got {(int)response.StatusCode}");
                Assert.DoesNotContain(fixture.Tokens["{snv}"], await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                break;
            default:
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{what}: expected a redirect, got {(int)response.StatusCode}");
                Assert.Equal(expect == Expect.SignIn ? "/signin" : "/denied", SignedInClient.RedirectPath(response, fixture.App.BaseAddress));
                // Nothing of the page leaks into the redirect's body.
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain(fixture.Tokens["{snv}"], body.Replace("ReturnUrl", ""), StringComparison.Ordinal);
                break;
        }
    }

    [Fact]
    public void Every_page_and_endpoint_the_app_maps_is_in_the_matrix()
    {
        var pageTemplates = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template)).Distinct().ToList();
        Assert.NotEmpty(pageTemplates);
        foreach (var template in pageTemplates)
            Assert.True(AccessMatrix.Pages.Any(p => Matches(template, p.Path)), $"The page {template} is missing from AccessMatrix.Pages.");

        var endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
            .Select(e => e.RoutePattern.RawText ?? "")
            // The framework's own (circuit hub, enhanced-navigation redirects), static files and the culture switch are not ours to gate.
            .Where(p => !p.TrimStart('/').StartsWith("_blazor") && !p.TrimStart('/').StartsWith("_framework/") && !p.Contains('.') && !p.StartsWith("/culture") && !p.Contains("{**"))
            .Distinct().ToList();
        Assert.Contains(endpoints, p => p.StartsWith("/api/v1/calendar"));
        foreach (var pattern in endpoints)
            Assert.True(AccessMatrix.Endpoints.Any(e => Matches(pattern, e.Path.Split('?')[0])), $"The endpoint {pattern} is missing from AccessMatrix.Endpoints.");
    }

    /// <summary>"/dossiers/{Code}/receipt" matches "/dossiers/{snv}/receipt": same segments, a route parameter matches anything.</summary>
    private static bool Matches(string template, string path)
    {
        var t = template.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var p = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return t.Length == p.Length && t.Zip(p).All(x => x.First.StartsWith('{') || string.Equals(x.First, x.Second, StringComparison.OrdinalIgnoreCase));
    }
}
