namespace OneStop.Domain.Notifications;

/// <summary>OneStop:Notifications in appsettings.json.</summary>
public sealed class NotificationOptions
{
    public const string Section = "OneStop:Notifications";

    /// <summary>Runs the delivery loop in the web host; false leaves rows Pending (in-app messages still show in the bell).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How often the delivery loop looks for due rows.</summary>
    public double PollSeconds { get; set; } = 5;
    /// <summary>Rows picked per round.</summary>
    public int BatchSize { get; set; } = 20;
    /// <summary>After this many failed attempts a row is Failed for good.</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>Backoff after the n-th failure: BackoffSeconds × 2^(n-1), at most MaxBackoffSeconds.</summary>
    public double BackoffSeconds { get; set; } = 30;
    public double MaxBackoffSeconds { get; set; } = 3600;
    /// <summary>
    /// How long a claimed row stays invisible to other rounds while it is being sent. Longer than
    /// a send can take (the SMTP and webhook timeouts are 10 s); after a crash the row becomes due
    /// again once the lease ends.
    /// </summary>
    public double LeaseSeconds { get; set; } = 120;
    /// <summary>POST target for SMS/Zalo gateways; empty turns the webhook channel off.</summary>
    public string? WebhookUrl { get; set; }
    /// <summary>
    /// Signs the notification webhook as the subscriptions' deliveries are signed (X-OneStop-Timestamp and
    /// X-OneStop-Signature, HMAC-SHA256 over "{timestamp}.{body}"), so the gateway can tell our calls from anyone's.
    /// Empty: unsigned, as before (a warning at start says so).
    /// </summary>
    public string? WebhookSecret { get; set; }
    public double WebhookTimeoutSeconds { get; set; } = 10;
    public SmtpOptions Smtp { get; set; } = new();

    public bool EmailConfigured => !string.IsNullOrWhiteSpace(Smtp.Host) && !string.IsNullOrWhiteSpace(Smtp.Sender);
    public bool WebhookConfigured => Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https");

    public TimeSpan Backoff(int failedAttempts)
    {
        var seconds = BackoffSeconds * Math.Pow(2, Math.Max(0, failedAttempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxBackoffSeconds));
    }
}

/// <summary>OneStop:Notifications:Smtp. E-mail is off while Host or Sender is empty.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>The From address.</summary>
    public string? Sender { get; set; }
    public string SenderName { get; set; } = "OneStop";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>
    /// How the connection is secured. Unset: StartTls when the old <see cref="EnableSsl"/> is true (that
    /// is what System.Net.Mail's EnableSsl did), else Auto.
    /// </summary>
    public SmtpSecurity? Security { get; set; }
    /// <summary>Kept so an appsettings.json written before MailKit still means what it meant: STARTTLS.</summary>
    public bool EnableSsl { get; set; }
    /// <summary>
    /// Accept exactly this server certificate (SHA-1 or SHA-256 hex, colons and spaces ignored) even
    /// when no trusted authority signed it: the province's internal relay often has a self-signed one.
    /// Empty: the system's normal certificate checks.
    /// </summary>
    public string? CertificateThumbprint { get; set; }
    /// <summary>
    /// False (the default) refuses to send the user name and password over a connection that is not
    /// encrypted; the attempt fails with a message saying so and the password never leaves the machine.
    /// </summary>
    public bool AllowPlainTextAuthentication { get; set; }
    public int TimeoutSeconds { get; set; } = 10;

    public SmtpSecurity EffectiveSecurity => Security ?? (EnableSsl ? SmtpSecurity.StartTls : SmtpSecurity.Auto);
}

/// <summary>The SMTP connection's security, as MailKit's SecureSocketOptions name them.</summary>
public enum SmtpSecurity
{
    /// <summary>TLS from the first byte on port 465, else STARTTLS when the server offers it, else plain.</summary>
    Auto,
    /// <summary>Never encrypt (a relay on the same host).</summary>
    None,
    /// <summary>STARTTLS, and fail if the server does not offer it.</summary>
    StartTls,
    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    SslOnConnect,
}
