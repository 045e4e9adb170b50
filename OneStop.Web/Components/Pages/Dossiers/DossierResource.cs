using Microsoft.Extensions.Localization;
using OneStop.Web.Localization;

namespace OneStop.Web.Components.Pages.Dossiers;

/// <summary>
/// Marker for the dossier page's and the action dialog's texts: Resources/Components/Pages/Dossiers/DossierResource.resx
/// (Vietnamese, the neutral language) and DossierResource.en.resx.
/// </summary>
public sealed class DossierResource
{
    /// <summary>The same texts for static helpers (<see cref="ActionUi"/>).</summary>
    public static IStringLocalizer Texts { get; } = StaticLocalizer.For<DossierResource>();
}
