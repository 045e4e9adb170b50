namespace OneStop.Domain.Webhooks;

/// <summary>
/// OneStop:Webhooks in appsettings.json. Retries, backoff, the lease and the timeout are the notification outbox's
/// (OneStop:Notifications: MaxAttempts, BackoffSeconds, MaxBackoffSeconds, LeaseSeconds, WebhookTimeoutSeconds).
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "OneStop:Webhooks";

    /// <summary>
    /// False (the default): a subscription may not point at loopback, link-local (169.254.x, the cloud metadata
    /// address), private (10.x, 172.16-31.x, 192.168.x, 100.64/10, fc00::/7) or reserved addresses, nor at an address of
    /// this server, checked at registration and again at each send after DNS resolution. True for tests and for a
    /// gateway on the center's own network.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Failed attempts in a row (over all of a subscription's deliveries) after which it is paused and the admins are told.</summary>
    public int PauseAfterFailures { get; set; } = 10;

    /// <summary>
    /// Host names this application is reached by (e.g. "onestop.hcc.quangtri.gov.vn"): a subscription to one of them is
    /// always refused, whatever <see cref="AllowPrivateTargets"/> says. The host an admin uses to open the page is added
    /// on its own.
    /// </summary>
    public List<string> OwnHosts { get; set; } = new();
}
