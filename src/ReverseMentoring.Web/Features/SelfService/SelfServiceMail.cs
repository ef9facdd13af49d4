using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.SelfService;

/// <summary>The e-mails of self-service matching, each keyed by its request so that it is queued once.</summary>
public static class SelfServiceMail
{
    public static Outgoing RequestSent(MentorRequest request, Enrolment mentor, Enrolment mentee, string programName, string link) => new(
        $"mentor-request-sent:{request.Id}",
        mentor.User!.Email!,
        $"{mentee.User!.DisplayName} asks you to be their mentor: {programName}",
        $"""
        Hello {mentor.User.DisplayName},

        {mentee.User.DisplayName} ({mentee.JobLevel}, {mentee.Department}) would like you as their mentor in {programName}.
        Please accept or decline by {request.AnswerDueAtUtc:d MMMM yyyy HH:mm} UTC; after that the request goes to their next choice.
        {link}
        """);

    public static Outgoing PassedOn(MentorRequest ended, Enrolment mentee, string nextMentorName, string programName, string link) => new(
        $"mentor-request-passed-on:{ended.Id}",
        mentee.User!.Email!,
        $"Your request went to your next choice: {programName}",
        $"""
        Hello {mentee.User.DisplayName},

        Your earlier choice of mentor could not take you this time, so your request has gone to your next choice, {nextMentorName}.
        You will hear from us when they answer.
        {link}
        """);

    public static Outgoing NoChoiceLeft(MentorRequest ended, Enrolment mentee, string programName, string link) => new(
        $"mentor-request-none-left:{ended.Id}",
        mentee.User!.Email!,
        $"Choose another mentor: {programName}",
        $"""
        Hello {mentee.User.DisplayName},

        None of the mentors you asked could take you this time. Browse the mentors again and choose others:
        {link}
        """);

    public static Outgoing Accepted(MentorRequest request, ParticipantRole side, Enrolment to, Enrolment partner, string programName, string link) => new(
        $"mentor-request-accepted:{request.Id}:{(side == ParticipantRole.Mentor ? "mentor" : "mentee")}",
        to.User!.Email!,
        $"Your pair is confirmed: {programName}",
        $"""
        Hello {to.User.DisplayName},

        {(side == ParticipantRole.Mentee ? $"{partner.User!.DisplayName} accepted your request" : $"You accepted {partner.User!.DisplayName}'s request")}: you are now a confirmed pair in {programName}.
        Agree on your first session together; you find your pair and the program here:
        {link}
        """);
}
