namespace OneStop.Web.Components.Pages.Intake;

/// <summary>
/// Marker for the counter intake's screen texts: Resources/Components/Pages/Intake/IntakeResource.resx (Vietnamese,
/// the neutral language) and IntakeResource.en.resx. The receipt prints in Vietnamese through <see cref="IntakeText"/>.
/// </summary>
public sealed class IntakeResource;
