global using ReverseMentoring.Web.Domain;
