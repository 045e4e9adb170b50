using System.Net;
using System.Text.RegularExpressions;

namespace OneStop.Tests.Infrastructure;

/// <summary>An HttpClient that keeps cookies and does not follow redirects, and the sign-in form posted the way a browser does.</summary>
public static class SignedInClient
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> Jars = new();

    public static HttpClient New(Uri baseAddress)
    {
        var jar = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        Jars.Add(http, jar);
        return http;
    }

    /// <summary>The Cookie header the client would send: what someone who copied the browser's cookies could replay.</summary>
    public static string CookieHeader(HttpClient http, Uri baseAddress) =>
        Jars.TryGetValue(http, out var jar) ? jar.GetCookieHeader(baseAddress) : throw new InvalidOperationException("Not a SignedInClient.");

    /// <summary>
    /// Posts the sign-in form (with its antiforgery token) and returns the response: a redirect when it worked.
    /// <paramref name="headers"/> go on the post only (e.g. the X-Forwarded-* a proxy adds).
    /// </summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient http, string user, string password = "demo",
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var form = await http.GetStringAsync("/signin");
        string Hidden(string name) => Regex.Match(form, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;
        var request = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = Hidden("_handler"),
                ["__RequestVerificationToken"] = Hidden("__RequestVerificationToken"),
                ["Input.UserName"] = user,
                ["Input.Password"] = password,
            }),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);
        return await http.SendAsync(request);
    }

    /// <summary>A client signed in as <paramref name="user"/>; fails the test when sign-in does not redirect.</summary>
    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string user, string password = "demo")
    {
        var http = New(baseAddress);
        var response = await PostSignInAsync(http, user, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new Xunit.Sdk.XunitException($"Signing in as {user} answered {(int)response.StatusCode}, not a redirect.");
        return http;
    }

    /// <summary>The path a redirect points to ("/denied", "/signin"), whether the Location is absolute or relative.</summary>
    public static string RedirectPath(HttpResponseMessage response, Uri baseAddress)
    {
        var location = response.Headers.Location ?? throw new Xunit.Sdk.XunitException("No Location header.");
        return (location.IsAbsoluteUri ? location : new Uri(baseAddress, location)).AbsolutePath;
    }
}
