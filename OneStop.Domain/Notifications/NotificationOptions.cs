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
    public bool EnableSsl { get; set; }
    public int TimeoutSeconds { get; set; } = 10;
}
