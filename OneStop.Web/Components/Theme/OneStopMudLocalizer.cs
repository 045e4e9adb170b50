using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace OneStop.Web.Components.Theme;

/// <summary>
/// MudBlazor's strings in the user's language: Vietnamese from Resources/MudTexts.resx, English from MudBlazor itself
/// (a "not found" answer makes MudBlazor use its built-in English text).
/// </summary>
public sealed class OneStopMudLocalizer(IStringLocalizer<MudTexts> texts) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != "vi")
                return new LocalizedString(key, key, resourceNotFound: true);
            return texts[key];
        }
    }

    public override LocalizedString this[string key, params object[] arguments]
    {
        get
        {
            var text = this[key];
            return text.ResourceNotFound
                ? text
                : new LocalizedString(key, string.Format(CultureInfo.CurrentCulture, text.Value, arguments), false);
        }
    }
}
