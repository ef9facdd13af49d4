using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Pairs;

/// <summary>The e-mails about a pair: confirmed, declined, the reminder to answer, and ended.</summary>
public static class PairMail
{
    public static string Side(ParticipantRole side) => side == ParticipantRole.Mentor ? "mentor" : "mentee";

    public static Outgoing Confirmed(int pairId, ParticipantRole side, Enrolment to, Enrolment partner, string programName, string link) => new(
        $"pair-confirmed:{pairId}:{Side(side)}",
        to.User!.Email!,
        $"Your pair is confirmed: {programName}",
        $"""
        Hello {to.User.DisplayName},

        You and {partner.User!.DisplayName} both accepted your pair in {programName}. Your pair is confirmed.
        Agree on your first session together; you find your pair and the program here:
        {link}
        """);

    public static Outgoing Declined(int pairId, ParticipantRole side, Enrolment to, Enrolment partner, string programName, string link) => new(
        $"pair-declined:{pairId}:{Side(side)}",
        to.User!.Email!,
        $"Your proposed pair will not go ahead: {programName}",
        $"""
        Hello {to.User.DisplayName},

        {partner.User!.DisplayName} declined the pair proposed to you in {programName}, so this pair will not go ahead.
        This is not about you: HR will propose someone else, and you will hear from us when they do.
        {link}
        """);

    public static Outgoing Reminder(int pairId, ParticipantRole side, string email, string name, string partnerName, string programName, string link) => new(
        $"pair-response-reminder:{pairId}:{Side(side)}",
        email,
        $"Please answer your proposed pair: {programName}",
        $"""
        Hello {name},

        HR proposed {partnerName} as your pair in {programName} and is waiting for your answer.
        Accept or decline the pair here, so that both of you can get started or be paired again:
        {link}
        """);

    /// <summary>Tells one side that the pair ended, by whom, why, and that its planned sessions were called off.</summary>
    public static Outgoing Ended(
        int pairId, ParticipantRole side, string email, string name, string partnerName, bool byPartner, PairEnding ending, string? reason,
        int cancelledSessions, string programName, string link) => new(
        $"pair-ended:{pairId}:{Side(side)}",
        email,
        $"Your pair with {partnerName} has ended: {programName}",
        $"""
        Hello {name},

        {(byPartner ? $"{partnerName} ended your pair" : $"HR ended your pair with {partnerName}")} in {programName}{(ending == PairEnding.Completed ? ", as completed" : " early")}.
        {(string.IsNullOrWhiteSpace(reason) ? "" : $"The reason given: {reason}\n")}{(cancelledSessions == 0 ? "" : cancelledSessions == 1 ? "Your planned session was cancelled; remove it from your calendar.\n" : $"Your {cancelledSessions} planned sessions were cancelled; remove them from your calendar.\n")}
        Thank you for taking part. Your program page:
        {link}
        """);
}
