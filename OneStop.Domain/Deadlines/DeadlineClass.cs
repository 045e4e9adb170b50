namespace OneStop.Domain.Deadlines;

/// <summary>Where an open dossier stands against its appointment, as the deadline sweep last classified it.</summary>
public enum DeadlineClass { OnTrack, DueSoon, Overdue }
