// The namespaces nearly every feature speaks in: the contracts, the data, the call context and the writer.
global using System.Security.Claims;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
global using Reception.Dashboard.Client.Contracts;
global using Reception.Dashboard.Data;
global using Reception.Dashboard.Features.Accounts;
global using Reception.Dashboard.Features.Sites;
global using Reception.Dashboard.Infrastructure;
global using Reception.Dashboard.Realtime;
