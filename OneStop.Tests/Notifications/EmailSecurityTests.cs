using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OneStop.Domain.Notifications;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Notifications;

/// <summary>
/// MailKit against the real loopback SMTP server with STARTTLS and AUTH: the password travels only
/// inside TLS, an untrusted certificate stops the send before anything is said, and each failure
/// leaves the row retrying with a message an admin can act on.
/// </summary>
public sealed class EmailSecurityTests
{
    private const string Address = "tuan.lm@snv.quangtri.gov.vn";
    private const string User = "onestop@hcc.quangtri.gov.vn";
    private const string Password = "Mật-khẩu-2026!";

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=smtp.hcc.quangtri.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        // Round-trip through PKCS#12 so SslStream gets a certificate whose private key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    private static NotificationTestBed Bed(int port, Action<SmtpOptions> configure)
    {
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Sender = User };
        configure(smtp);
        var bed = new NotificationTestBed(o => o.Smtp = smtp);
        bed.SetEmail(Officer1, Address);
        return bed;
    }

    private static OutboxMessage Message() =>
        new(NotificationKinds.HandOver, "Hồ sơ SNV-261123-0001 đã chuyển đến bạn", "Kính gửi ông Lê Minh Tuấn,\r\nHạn: 17:00 ngày 27/11/2026.", DossierId: 1234, DossierCode: "SNV-261123-0001", Extra: "2");

    private static Notification EmailRow(NotificationTestBed bed) => bed.Rows().Single(r => r.Channel == NotificationChannel.Email);

    [Fact]
    public async Task Starttls_with_the_pinned_certificate_carries_the_password_and_the_message_inside_tls()
    {
        using var cert = SelfSigned();
        await using var server = new SmtpTestServer { Certificate = cert, Credentials = (User, Password), RequireAuth = true };
        using var bed = Bed(server.Port, s =>
        {
            s.Security = SmtpSecurity.StartTls;
            s.CertificateThumbprint = cert.GetCertHashString(HashAlgorithmName.SHA256);
            s.UserName = User;
            s.Password = Password;
        });
        await bed.NotifyAsync(Officer1, Message());

        Assert.Equal(new DeliveryRound(2, 0, 0), await bed.Delivery.DeliverDueAsync(bed.Now));

        var mail = Assert.Single(server.Messages);
        Assert.True(mail.OverTls);
        Assert.Equal(User, mail.AuthenticatedUser);
        Assert.Equal("Hồ sơ SNV-261123-0001 đã chuyển đến bạn", mail.Subject);
        var auth = Assert.Single(server.Auths);
        Assert.Equal((User, Password, true, true), (auth.User, auth.Password, auth.OverTls, auth.Accepted));
        Assert.Equal(NotificationStatus.Sent, EmailRow(bed).Status);
    }

    [Theory]
    [InlineData(null)]                                          // the system's checks: a self-signed certificate is not trusted
    [InlineData("00112233445566778899AABBCCDDEEFF00112233")]    // pinned, but to another certificate
    public async Task An_untrusted_certificate_stops_the_send_before_the_password_is_sent(string? thumbprint)
    {
        using var cert = SelfSigned();
        await using var server = new SmtpTestServer { Certificate = cert, Credentials = (User, Password) };
        using var bed = Bed(server.Port, s => { s.Security = SmtpSecurity.StartTls; s.CertificateThumbprint = thumbprint; s.UserName = User; s.Password = Password; });
        await bed.NotifyAsync(Officer1, Message());

        Assert.Equal(new DeliveryRound(1, 1, 0), await bed.Delivery.DeliverDueAsync(bed.Now));

        Assert.Empty(server.Messages);
        Assert.Empty(server.Auths);
        var row = EmailRow(bed);
        Assert.Equal((NotificationStatus.Pending, 1), (row.Status, row.Attempts));
        Assert.Contains("SslHandshakeException", row.LastError);
        Assert.Contains("CertificateThumbprint", row.LastError);
    }

    [Fact]
    public async Task Starttls_required_from_a_server_that_does_not_offer_it_sends_nothing()
    {
        await using var server = new SmtpTestServer();
        using var bed = Bed(server.Port, s => s.Security = SmtpSecurity.StartTls);
        await bed.NotifyAsync(Officer1, Message());

        Assert.Equal(new DeliveryRound(1, 1, 0), await bed.Delivery.DeliverDueAsync(bed.Now));

        Assert.Empty(server.Messages);
        Assert.Contains("STARTTLS", EmailRow(bed).LastError);
    }

    [Fact]
    public async Task The_password_is_not_sent_unencrypted_unless_that_is_allowed()
    {
        await using var server = new SmtpTestServer { Credentials = (User, Password), RequireAuth = true };
        using (var refused = Bed(server.Port, s => { s.UserName = User; s.Password = Password; }))
        {
            await refused.NotifyAsync(Officer1, Message());
            Assert.Equal(new DeliveryRound(1, 1, 0), await refused.Delivery.DeliverDueAsync(refused.Now));
            Assert.Empty(server.Auths);
            Assert.Empty(server.Messages);
            Assert.Contains("unencrypted", EmailRow(refused).LastError);
            Assert.Contains("AllowPlainTextAuthentication", EmailRow(refused).LastError);
        }

        using var allowed = Bed(server.Port, s => { s.UserName = User; s.Password = Password; s.AllowPlainTextAuthentication = true; });
        await allowed.NotifyAsync(Officer1, Message());
        Assert.Equal(new DeliveryRound(2, 0, 0), await allowed.Delivery.DeliverDueAsync(allowed.Now));
        var auth = Assert.Single(server.Auths);
        Assert.Equal((false, true), (auth.OverTls, auth.Accepted));
        Assert.Equal(User, Assert.Single(server.Messages).AuthenticatedUser);
    }

    [Fact]
    public async Task A_wrong_password_is_a_failed_attempt_with_the_servers_535()
    {
        using var cert = SelfSigned();
        await using var server = new SmtpTestServer { Certificate = cert, Credentials = (User, Password), RequireAuth = true };
        using var bed = Bed(server.Port, s =>
        {
            s.CertificateThumbprint = cert.Thumbprint;   // SHA-1, the form Windows' certificate dialog shows
            s.UserName = User;
            s.Password = "sai-mat-khau";
        });
        await bed.NotifyAsync(Officer1, Message());

        Assert.Equal(new DeliveryRound(1, 1, 0), await bed.Delivery.DeliverDueAsync(bed.Now));

        // MailKit tries each offered mechanism (PLAIN, then LOGIN) before giving up; all inside TLS, since Auto
        // upgraded to STARTTLS when the server offered it.
        Assert.NotEmpty(server.Auths);
        Assert.All(server.Auths, a => Assert.Equal((true, false), (a.OverTls, a.Accepted)));
        Assert.Empty(server.Messages);
        Assert.Contains("535", EmailRow(bed).LastError);
    }
}
