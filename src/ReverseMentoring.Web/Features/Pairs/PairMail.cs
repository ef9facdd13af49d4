using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Pairs;

/// <summary>The e-mails about a pair: confirmed, declined, and the reminder to answer.</summary>
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
}
