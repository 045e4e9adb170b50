using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OneStop.Domain;
using OneStop.Domain.Notifications;

namespace OneStop.Tests.Notifications;

/// <summary>OneStop:Notifications:Smtp as an admin writes it: old keys keep their meaning, mistakes stop the start with the key named.</summary>
public sealed class EmailOptionsTests
{
    [Theory]
    [InlineData(null, false, SmtpSecurity.Auto)]
    [InlineData(null, true, SmtpSecurity.StartTls)]       // EnableSsl meant STARTTLS in System.Net.Mail
    [InlineData(SmtpSecurity.SslOnConnect, true, SmtpSecurity.SslOnConnect)]
    [InlineData(SmtpSecurity.None, false, SmtpSecurity.None)]
    public void Security_falls_back_to_the_old_EnableSsl(SmtpSecurity? security, bool enableSsl, SmtpSecurity expected) =>
        Assert.Equal(expected, new SmtpOptions { Security = security, EnableSsl = enableSsl }.EffectiveSecurity);

    [Theory]
    [InlineData("Port", "0", "OneStop:Notifications:Smtp:Port must be between 1 and 65535")]
    [InlineData("TimeoutSeconds", "0", "OneStop:Notifications:Smtp:TimeoutSeconds must be at least 1")]
    [InlineData("Sender", "hcc at quangtri", "OneStop:Notifications:Smtp:Sender must be an e-mail address")]
    [InlineData("CertificateThumbprint", "12:AB", "OneStop:Notifications:Smtp:CertificateThumbprint must be a SHA-1 (40) or SHA-256 (64) hex thumbprint")]
    public async Task A_bad_smtp_setting_stops_the_start_naming_the_key(string key, string value, string message)
    {
        using var host = Build(new() { [$"OneStop:Notifications:Smtp:{key}"] = value });
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(e.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_password_with_security_none_is_refused_unless_plain_text_is_allowed()
    {
        var settings = new Dictionary<string, string?>
        {
            ["OneStop:Notifications:Smtp:Host"] = "relay.quangtri.gov.vn",
            ["OneStop:Notifications:Smtp:Sender"] = "onestop@hcc.quangtri.gov.vn",
            ["OneStop:Notifications:Smtp:UserName"] = "onestop",
            ["OneStop:Notifications:Smtp:Security"] = "None",
        };
        using (var refused = Build(settings))
        {
            var e = await Assert.ThrowsAsync<OptionsValidationException>(() => refused.StartAsync());
            Assert.Contains(e.Failures, f => f.Contains("password would go unencrypted"));
        }
        settings["OneStop:Notifications:Smtp:AllowPlainTextAuthentication"] = "true";
        using var allowed = Build(settings);
        await allowed.StartAsync();
        Assert.Equal(SmtpSecurity.None, allowed.Services.GetRequiredService<IOptions<NotificationOptions>>().Value.Smtp.EffectiveSecurity);
        await allowed.StopAsync();
    }

    [Fact]
    public async Task The_shipped_appsettings_pass_the_check()
    {
        var file = Path.Combine(FindRepositoryRoot(), "appsettings.json");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(file);
        builder.Services.AddOneStopDomain(builder.Configuration, "Data Source=unused.db");   // nothing here opens it
        using var host = builder.Build();
        await host.StartAsync();
        Assert.Equal(SmtpSecurity.Auto, host.Services.GetRequiredService<IOptions<NotificationOptions>>().Value.Smtp.EffectiveSecurity);
        await host.StopAsync();
    }

    /// <summary>The domain services alone (no web host, no database opened), with only the given settings.</summary>
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOneStopDomain(builder.Configuration, "Data Source=unused.db");   // nothing here opens it
        return builder.Build();
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OneStop.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("OneStop.sln not found above the test output.");
    }
}
