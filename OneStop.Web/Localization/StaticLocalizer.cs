using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace OneStop.Web.Localization;

/// <summary>
/// The resource texts of a marker type for static helpers (ActionUi, RemainingView) that are called from many places
/// and have no service provider at hand. Reads the same resx files as the injected IStringLocalizer&lt;T&gt; (ResourcesPath
/// "Resources"), and like it resolves each text in the CurrentUICulture of the moment of the call.
/// </summary>
public static class StaticLocalizer
{
    private static readonly ResourceManagerStringLocalizerFactory Factory =
        new(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);

    public static IStringLocalizer For<T>() => Factory.Create(typeof(T));
}
