namespace OneStop.Web.Components.Pages.Notifications;

/// <summary>Marker for the Notifications pages' texts: Resources/Components/Pages/Notifications/NotificationsResource.resx (Vietnamese, the neutral language) and .en.resx.</summary>
public sealed class NotificationsResource;
