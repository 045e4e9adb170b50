using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Dossiers;
using OneStop.Tests.Infrastructure;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Domain.Dossiers;

/// <summary>A NUL (or any control character but tab and line breaks) in the counter's or a command's text is refused by name.</summary>
public sealed class ControlCharacterTests : IDisposable
{
    private readonly WorkflowFixture _f = new();
    private DossierWorkflow W => _f.Workflow;
    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Intake_refuses_a_nul_in_the_address_and_the_papers_and_stores_nothing()
    {
        var bad = ValidIntake() with { ApplicantAddress = "25 Hùng Vương\0", PapersReceived = "Tờ trình\u0007" };
        var e = await Assert.ThrowsAsync<DossierValidationException>(() => W.ReceiveAsync(bad, Postal1));
        Assert.Equal("Địa chỉ: chứa ký tự điều khiển U+0000, không được phép (chỉ cho phép tab và xuống dòng).", e.Errors["ApplicantAddress"]);
        Assert.Equal("Giấy tờ đã nhận: chứa ký tự điều khiển U+0007, không được phép (chỉ cho phép tab và xuống dòng).", e.Errors["PapersReceived"]);
        await using var db = _f.Db();
        Assert.Equal(0, await db.Dossiers.CountAsync());
    }

    [Fact]
    public async Task Line_breaks_and_tabs_in_the_papers_are_still_fine()
    {
        var d = await W.ReceiveAsync(ValidIntake() with { PapersReceived = "Tờ trình\r\n\tBáo cáo" }, Postal1);
        Assert.Equal("Tờ trình\r\n\tBáo cáo", d.PapersReceived);
    }

    [Fact]
    public async Task A_refusal_reason_or_a_hand_over_note_with_a_nul_changes_nothing()
    {
        var d = await W.ReceiveAsync(ValidIntake(), Postal1);
        var refused = await Assert.ThrowsAsync<DossierValidationException>(() => W.RefuseAsync(d.Code, d.Version, Postal1, "Thiếu\0 giấy tờ"));
        Assert.StartsWith("Lý do từ chối: chứa ký tự điều khiển U+0000", refused.Errors["Reason"]);
        var note = await Assert.ThrowsAsync<DossierValidationException>(() => W.HandOverAsync(d.Code, d.Version, Postal1, null, "Gửi\0"));
        Assert.StartsWith("Ghi chú: chứa ký tự điều khiển U+0000", note.Errors["Note"]);
        await using var db = _f.Db();
        var stored = await db.Dossiers.AsNoTracking().SingleAsync();
        Assert.Equal((DossierStatus.Received, d.Version), (stored.Status, stored.Version));
        Assert.Equal(1, await db.DossierEvents.CountAsync());
    }
}
