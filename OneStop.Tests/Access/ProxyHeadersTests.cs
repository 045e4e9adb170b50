using System.Net;
using OneStop.Tests.Infrastructure;
using OneStop.Tests.Integration;

namespace OneStop.Tests.Access;

/// <summary>
/// Behind nginx (OneStop.Web/Deploy) the app believes X-Forwarded-For and X-Forwarded-Proto from the proxies it is told
/// of, and from nobody else: the sign-in limit counts each browser, not the proxy, and the sign-in cookie is Secure when
/// the browser spoke HTTPS to nginx.
/// </summary>
public sealed class ProxyHeadersTests
{
    private static OneStopApp App(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string> { ["OneStop:RateLimits:SignInPerMinute"] = "2" };
        foreach (var (k, v) in extra) settings[k] = v;
        return new OneStopApp(demo: false, settings: settings);
    }

    /// <summary>A sign-in post as nginx would pass it on for the browser at <paramref name="client"/>.</summary>
    private static Task<HttpResponseMessage> PostAsAsync(HttpClient http, string client, string user, string? proto = null)
    {
        var headers = new Dictionary<string, string> { ["X-Forwarded-For"] = client };
        if (proto is not null) headers["X-Forwarded-Proto"] = proto;
        return SignedInClient.PostSignInAsync(http, user, headers: headers);
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_browser_has_its_own_sign_in_limit_and_https_makes_the_cookie_secure()
    {
        // The test client is on loopback, the proxy ASP.NET believes when none is configured.
        await using var app = App();
        await using (var db = app.CreateDb()) await WorkspacePrintableTests.SeedAsync(db);
        using var http = SignedInClient.New(app.BaseAddress);

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostAsAsync(http, "203.0.113.5", "officer1")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostAsAsync(http, "203.0.113.5", "officer2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostAsAsync(http, "203.0.113.5", "leader1")).StatusCode);
        // Another browser behind the same proxy still signs in.
        var other = await PostAsAsync(http, "203.0.113.6", "director", proto: "https");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        var auth = other.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("onestop.auth="));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);

        // Without the header the request is plain HTTP again: no Secure flag.
        using var plain = SignedInClient.New(app.BaseAddress);
        var direct = await SignedInClient.PostSignInAsync(plain, "postal1");
        Assert.Equal(HttpStatusCode.Redirect, direct.StatusCode);
        Assert.DoesNotContain("secure", direct.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("onestop.auth=")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Headers_from_a_client_that_is_not_a_named_proxy_are_ignored()
    {
        // Only 10.9.9.9 is a proxy here, so the loopback client's claims to be three browsers count as one client.
        await using var app = App(("OneStop:Proxy:KnownProxies:0", "10.9.9.9"));
        await using (var db = app.CreateDb()) await WorkspacePrintableTests.SeedAsync(db);
        using var http = SignedInClient.New(app.BaseAddress);

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostAsAsync(http, "203.0.113.5", "officer1")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostAsAsync(http, "203.0.113.6", "officer2")).StatusCode);
        var third = await PostAsAsync(http, "203.0.113.7", "director", proto: "https");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    [Theory]
    [InlineData("OneStop:Proxy:KnownProxies:0", "nginx.local", "OneStop:Proxy:KnownProxies:0: «nginx.local» is not an IP address")]
    [InlineData("OneStop:Proxy:KnownNetworks:0", "10.0.0.0/33", "OneStop:Proxy:KnownNetworks:0: «10.0.0.0/33» is not a network in CIDR form")]
    public void A_proxy_setting_that_is_not_an_address_stops_the_start_naming_the_key(string key, string value, string message)
    {
        var error = Assert.ThrowsAny<Exception>(() => App((key, value)));
        Assert.Contains(message, Flatten(error));
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
