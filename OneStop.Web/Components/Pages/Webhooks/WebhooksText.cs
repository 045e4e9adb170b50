namespace OneStop.Web.Components.Pages.Webhooks;

/// <summary>Marker for the webhook page's texts: Resources/Components/Pages/Webhooks/WebhooksText(.en).resx.</summary>
public sealed class WebhooksText;
