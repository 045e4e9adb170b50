using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;

namespace OneStop.Web.Components.Pages.Intake;

/// <summary>
/// The counter form's editable model. Property names are those of <see cref="IntakeRequest"/>, so the
/// keys <see cref="IntakeValidator.Validate"/> reports map straight onto the form's fields.
/// </summary>
public sealed class IntakeForm
{
    public int ProcedureId { get; set; }
    public Channel Channel { get; set; } = Channel.Counter;
    public ResultDelivery ResultDelivery { get; set; } = ResultDelivery.Counter;
    public string ApplicantName { get; set; } = "";
    public string? ApplicantPhone { get; set; }
    public string? ApplicantIdNumber { get; set; }
    public string? ApplicantAddress { get; set; }
    public string? ResultPostalAddress { get; set; }
    public string? PapersReceived { get; set; }

    public IntakeRequest ToRequest() => new()
    {
        ProcedureId = ProcedureId,
        Channel = Channel,
        ResultDelivery = ResultDelivery,
        ApplicantName = ApplicantName ?? "",
        ApplicantPhone = ApplicantPhone,
        ApplicantIdNumber = ApplicantIdNumber,
        ApplicantAddress = ApplicantAddress,
        ResultPostalAddress = ResultDelivery == ResultDelivery.Post ? ResultPostalAddress : null,
        PapersReceived = PapersReceived,
    };
}
