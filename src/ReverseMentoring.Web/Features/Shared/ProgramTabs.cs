namespace ReverseMentoring.Web.Features.Shared;

/// <summary>The sections of a program that HR moves between.</summary>
public enum ProgramTab
{
    Settings,
    Enrolments,
    Invitations,
    Resources,
    Pairing,
    Pairs,
    CheckIns,
    Emails,
    Agreement,
    Report,
}

/// <summary>The one set of tabs at the top of every program page: which program, and which section the page belongs to.</summary>
public sealed record ProgramTabs(int ProgramId, string ProgramName, ProgramTab Current)
{
    /// <summary>Each tab's name and its path under /Programs/{id}, in the order they are shown.</summary>
    public static IReadOnlyList<(ProgramTab Tab, string Name, string Path)> All { get; } =
    [
        (ProgramTab.Settings, "Settings", ""),
        (ProgramTab.Enrolments, "Enrolments", "/Enrolments"),
        (ProgramTab.Invitations, "Invitations", "/Invitations"),
        (ProgramTab.Resources, "Resources", "/Resources"),
        (ProgramTab.Pairing, "Pairing", "/Pairing"),
        (ProgramTab.Pairs, "Pairs", "/Pairs"),
        (ProgramTab.CheckIns, "Check-ins", "/CheckIns"),
        (ProgramTab.Emails, "E-mails", "/Emails"),
        (ProgramTab.Agreement, "Agreement", "/Agreement"),
        (ProgramTab.Report, "Report", "/Report"),
    ];
}
