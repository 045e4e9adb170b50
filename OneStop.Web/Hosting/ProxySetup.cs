using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace OneStop.Web.Hosting;

/// <summary>OneStop:Proxy in appsettings.json: which load balancers' X-Forwarded-For and X-Forwarded-Proto to believe.</summary>
public sealed class ProxyOptions
{
    public const string Section = "OneStop:Proxy";
    /// <summary>Addresses of the proxies (nginx) in front of the nodes, e.g. ["10.0.0.10"]. Empty with no networks: loopback only.</summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>Networks of the proxies in CIDR form, e.g. ["10.0.0.0/24"].</summary>
    public string[] KnownNetworks { get; set; } = [];
}

/// <summary>
/// Behind nginx every request comes from nginx's address over plain HTTP. Without the forwarded headers the sign-in rate
/// limit would count the whole center as one client, and behind TLS at nginx the sign-in cookie would not be marked
/// Secure. Only the proxies named in <see cref="ProxyOptions"/> are believed (ASP.NET's default, loopback, when none is
/// named): a header from anyone else is ignored, so a client cannot claim another address to dodge the limit.
/// </summary>
public static class ProxySetup
{
    public static IServiceCollection AddOneStopProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var proxy = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        var proxies = proxy.KnownProxies.Select((p, i) => IPAddress.TryParse(p, out var a) ? a
            : throw new InvalidOperationException($"{ProxyOptions.Section}:KnownProxies:{i}: «{p}» is not an IP address (e.g. 10.0.0.10).")).ToList();
        var networks = proxy.KnownNetworks.Select((n, i) => System.Net.IPNetwork.TryParse(n, out var net) ? net
            : throw new InvalidOperationException($"{ProxyOptions.Section}:KnownNetworks:{i}: «{n}» is not a network in CIDR form (e.g. 10.0.0.0/24).")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Host is left alone: nginx passes the browser's Host itself (Deploy/nginx-onestop.conf).
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.Count == 0 && networks.Count == 0) return; // the default: loopback proxies only
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var a in proxies) o.KnownProxies.Add(a);
            foreach (var n in networks) o.KnownIPNetworks.Add(n);
        });
        return services;
    }
}
