using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Persistence;
using OneStop.Domain.Webhooks;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.MultiNode;

/// <summary>
/// With OneStop:DataProtection:Certificate set, the shared key ring is stored encrypted with that certificate: a copy of
/// the database alone no longer opens the webhook secrets; a node with the same certificate file does.
/// </summary>
public sealed class KeyRingCertificateTests : IDisposable
{
    private readonly TempFolder _folder = new();
    public void Dispose() => _folder.Dispose();

    private string NewCertificate(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=OneStop key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = _folder.File("keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    [Fact]
    public async Task Keys_are_stored_encrypted_and_only_a_node_with_the_certificate_opens_a_secret()
    {
        var pfx = NewCertificate("mật-khẩu-1");
        await using var app = new OneStopApp(demo: false, settings: new Dictionary<string, string>
        {
            ["OneStop:DataProtection:Certificate"] = pfx, ["OneStop:DataProtection:CertificatePassword"] = "mật-khẩu-1",
        });
        var secret = WebhookSecrets.NewSecret();
        var stored = app.Services.GetRequiredService<WebhookSecrets>().Protect(secret);

        await using (var db = app.CreateDb())
        {
            var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("EncryptedXmlDecryptor", xml);
                Assert.DoesNotContain("<masterKey", xml); // the plain form keeps the key's bytes in <masterKey><value>
            });
        }

        var withCertificate = X509CertificateLoader.LoadPkcs12FromFile(pfx, "mật-khẩu-1");
        await using (var node = TwoNodes.KeyRingFromDatabase(app.ConnectionString, configure: b => b.UnprotectKeysWithAnyCertificate(withCertificate)))
            Assert.Equal(secret, new WebhookSecrets(node.GetRequiredService<IDataProtectionProvider>()).Unprotect(stored));
        await using (var copy = TwoNodes.KeyRingFromDatabase(app.ConnectionString))
            Assert.ThrowsAny<CryptographicException>(() => new WebhookSecrets(copy.GetRequiredService<IDataProtectionProvider>()).Unprotect(stored));
    }

    [Theory]
    [InlineData("missing", "does not exist")]
    [InlineData("wrong-password", "cannot be read as PKCS#12")]
    public void A_certificate_that_cannot_be_used_stops_the_start_naming_the_key(string problem, string rule)
    {
        var pfx = problem == "missing" ? _folder.File("nowhere.pfx") : NewCertificate("right");
        var error = Assert.ThrowsAny<Exception>(() => new OneStopApp(demo: false, settings: new Dictionary<string, string>
        {
            ["OneStop:DataProtection:Certificate"] = pfx, ["OneStop:DataProtection:CertificatePassword"] = "wrong",
        }));
        var message = Flatten(error);
        Assert.Contains("OneStop:DataProtection:Certificate", message);
        Assert.Contains(rule, message);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
