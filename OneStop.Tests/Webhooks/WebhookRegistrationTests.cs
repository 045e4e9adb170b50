using System.Net;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Webhooks;

namespace OneStop.Tests.Webhooks;

public sealed class WebhookRegistrationTests : IDisposable
{
    private readonly WebhookTestBed _bed = new();
    private static readonly Uri OwnBase = new("https://onestop.hcc.quangtri.gov.vn/");

    public WebhookRegistrationTests() => _bed.Options.AllowPrivateTargets = false;

    public void Dispose() => _bed.Dispose();

    private Task<NewWebhookSubscription> CreateAsync(string url, WebhookEvents events = WebhookEvents.ResultReady, string name = "Zalo OA") =>
        _bed.Subscriptions.CreateAsync(name, url, events, WebhookTestBed.Admin, "Trương Công Minh", OwnBase);

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook", "loopback")]
    [InlineData("http://localhost/hook", "loopback")]
    [InlineData("http://[::1]/hook", "loopback")]
    [InlineData("http://10.1.2.3/hook", "nội bộ")]
    [InlineData("http://192.168.1.20/hook", "nội bộ")]
    [InlineData("http://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("https://onestop.hcc.quangtri.gov.vn/api/v1/dossiers", "chính hệ thống")]
    [InlineData("ftp://sms.example.vn/hook", "http hoặc https")]
    [InlineData("/api/v1/hook", "địa chỉ đầy đủ")]
    [InlineData("sms.example.vn/hook", "địa chỉ đầy đủ")]
    [InlineData("http://user:pass@sms.example.vn/hook", "mật khẩu")]
    public async Task An_unsafe_url_is_refused_at_registration_naming_the_rule_and_nothing_is_saved(string url, string rule)
    {
        var e = await Assert.ThrowsAsync<DossierValidationException>(() => CreateAsync(url));
        Assert.Contains(rule, e.Errors["Url"]);
        Assert.StartsWith("Địa chỉ nhận", e.Errors["Url"]);
        await using var db = _bed.F.Db();
        Assert.Empty(db.WebhookSubscriptions);
        Assert.Empty(db.AuditEntries);
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_private_address_is_refused_at_registration()
    {
        _bed.Dns["gateway.example.vn"] = [IPAddress.Parse("203.0.113.5"), IPAddress.Parse("10.0.0.9")];
        var e = await Assert.ThrowsAsync<DossierValidationException>(() => CreateAsync("https://gateway.example.vn/hook"));
        Assert.Contains("10.0.0.9", e.Errors["Url"]);
    }

    [Fact]
    public async Task Our_own_host_is_refused_even_when_private_targets_are_allowed()
    {
        _bed.Options.AllowPrivateTargets = true;
        _bed.Options.OwnHosts.Add("onestop.local");
        var e = await Assert.ThrowsAsync<DossierValidationException>(() => CreateAsync("http://onestop.local:5080/api/v1/x"));
        Assert.Contains("chính hệ thống", e.Errors["Url"]);
    }

    [Fact]
    public async Task Missing_name_and_events_are_reported_beside_their_fields()
    {
        var e = await Assert.ThrowsAsync<DossierValidationException>(() => CreateAsync("https://203.0.113.5/hook", WebhookEvents.None, name: " "));
        Assert.Equal("Tên: bắt buộc (ví dụ: «Tổng đài SMS»).", e.Errors["Name"]);
        Assert.Equal("Sự kiện: chọn ít nhất một sự kiện.", e.Errors["Events"]);
        Assert.False(e.Errors.ContainsKey("Url"));
    }

    [Fact]
    public async Task The_secret_is_given_once_stored_encrypted_and_never_listed_again()
    {
        var created = await CreateAsync("https://203.0.113.5/hook");
        Assert.StartsWith("whsec_", created.Secret);
        Assert.True(created.Secret.Length >= 40);

        await using var db = _bed.F.Db();
        var stored = db.WebhookSubscriptions.Single();
        Assert.DoesNotContain(created.Secret, stored.ProtectedSecret);
        Assert.Equal(created.Secret, _bed.Secrets.Unprotect(stored.ProtectedSecret));
        // Nothing a page reads carries the secret: the list has only the protected form, the audit none of it.
        var listed = await _bed.Subscriptions.ListAsync();
        Assert.DoesNotContain(created.Secret, System.Text.Json.JsonSerializer.Serialize(listed));
        Assert.All(db.AuditEntries, a => Assert.DoesNotContain(created.Secret, a.Details ?? ""));

        var rotated = await _bed.Subscriptions.RotateSecretAsync(created.Subscription.Id, WebhookTestBed.Admin, "Trương Công Minh");
        Assert.NotEqual(created.Secret, rotated.Secret);
    }

    [Fact]
    public async Task Every_change_is_audited_with_who_and_what()
    {
        var created = await CreateAsync("https://203.0.113.5/hook", WebhookEvents.ResultReady | WebhookEvents.Overdue);
        var id = created.Subscription.Id;
        await _bed.Subscriptions.PauseAsync(id, WebhookTestBed.Admin, "Trương Công Minh");
        await _bed.Subscriptions.ResumeAsync(id, WebhookTestBed.Admin, "Trương Công Minh");
        await _bed.Subscriptions.RotateSecretAsync(id, WebhookTestBed.Admin, "Trương Công Minh");
        await _bed.Subscriptions.RemoveAsync(id, WebhookTestBed.Admin, "Trương Công Minh");

        await using var db = _bed.F.Db();
        var entries = db.AuditEntries.Where(a => a.Area == WebhookSubscriptions.AuditArea).OrderBy(a => a.Id).ToList();
        Assert.Equal(["create", "pause", "resume", "rotate-secret", "remove"], entries.Select(a => a.Action));
        Assert.All(entries, a => Assert.Equal(WebhookTestBed.Admin, a.ActorId));
        Assert.All(entries, a => Assert.Equal($"#{id} «Zalo OA»", a.Subject));
        Assert.Contains("dossier.result-ready, dossier.overdue", entries[0].Details);
        Assert.Empty(await _bed.Subscriptions.ListAsync());
    }
}
