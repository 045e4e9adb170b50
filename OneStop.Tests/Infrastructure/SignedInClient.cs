using System.Net;
using System.Text.RegularExpressions;

namespace OneStop.Tests.Infrastructure;

/// <summary>An HttpClient that keeps cookies and does not follow redirects, and the sign-in form posted the way a browser does.</summary>
public static class SignedInClient
{
    public static HttpClient New(Uri baseAddress) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    /// <summary>Posts the sign-in form (with its antiforgery token) and returns the response: a redirect when it worked.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient http, string user, string password = "demo")
    {
        var form = await http.GetStringAsync("/signin");
        string Hidden(string name) => Regex.Match(form, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;
        return await http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = Hidden("_handler"),
            ["__RequestVerificationToken"] = Hidden("__RequestVerificationToken"),
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
        }));
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
