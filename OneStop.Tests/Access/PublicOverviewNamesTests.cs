using System.Net;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Access;

/// <summary>The overview is public: anonymous visitors see staff's initials, signed-in staff their full names (README: no personal data to anonymous visitors).</summary>
public sealed class PublicOverviewNamesTests(SeededAppFixture fixture) : IClassFixture<SeededAppFixture>
{
    // postal1 covers Sở Nội vụ in the demo.
    private const string Postal1 = "Hoàng Thị Thu Trang";

    [Fact]
    public async Task Anonymous_visitors_get_initials_and_staff_get_full_names()
    {
        using var anonymous = SignedInClient.New(fixture.App.BaseAddress);
        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/"));
        Assert.Contains("H.T.T.T.", html);
        Assert.DoesNotContain(Postal1, html);

        using var director = await SignedInClient.SignInAsync(fixture.App.BaseAddress, "director");
        Assert.Contains(Postal1, WebUtility.HtmlDecode(await director.GetStringAsync("/")));
    }
}
