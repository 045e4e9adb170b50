using Microsoft.Extensions.Localization;
using OneStop.Web.Localization;

namespace OneStop.Web.Components.Pages.Intake;

/// <summary>
/// Marker for the counter intake's screen texts: Resources/Components/Pages/Intake/IntakeResource.resx (Vietnamese)
/// and IntakeResource.en.resx. The receipt prints in Vietnamese through <see cref="IntakeText"/>.
/// </summary>
public sealed class IntakeResource
{
    public static IStringLocalizer Texts { get; } = StaticLocalizer.For<IntakeResource>();
}
