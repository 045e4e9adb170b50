namespace OneStop.Web.Hosting;

/// <summary>Cookie settings of the antiforgery token (the sign-in cookie's are in OneStopHost): HttpOnly, SameSite, Secure under HTTPS.</summary>
public static class AccessSetup
{
    public static IServiceCollection AddOneStopAccess(this IServiceCollection services)
    {
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "onestop.af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }
}
