#include "hil/host/board_stats_query.hpp"

#include <string>

#include "hil/host/link_error.hpp"

namespace ringside::hil {

BoardStats query_board_stats(BoardLink& link, std::chrono::milliseconds timeout) {
    const Deadline deadline = LinkClock::now() + timeout;
    Frame query;
    encode(QueryBoardStats{}, query);
    link.send(query);
    while (auto frame = link.receive(deadline)) {  // ends: receive() returns nullopt at the deadline
        if (frame->type == MessageType::BoardStats) {
            BoardStats stats;
            if (!decode(*frame, stats))
                throw LinkError(LinkError::Kind::WrongProtocol, link.port(),
                                "board on " + link.port() + " answered QueryBoardStats in another layout (" +
                                    std::to_string(frame->length) + "-byte payload)");
            return stats;
        }
        Nack nack;
        if (decode(*frame, nack) && nack.refused == MessageType::QueryBoardStats)
            throw LinkError(LinkError::Kind::WrongProtocol, link.port(),
                            "board on " + link.port() + " refused QueryBoardStats: " + std::string(nack.why));
    }
    throw LinkError(LinkError::Kind::Timeout, link.port(),
                    "board on " + link.port() + " did not answer QueryBoardStats within " + describe_duration(timeout));
}

} // namespace ringside::hil
