// ringside_fake_board: the tests' scripted board as a process, for trying the host side by
// hand (`ringside hil ping --port <the path it prints>`) until the real board emulator
// lands. It opens a pseudo-terminal, prints "ready <slave path>" and answers every Hello
// with a HelloAck, one host after another, until it hears nothing for IDLE seconds
// (default 30).
//   build/tests/ringside_fake_board [IDLE]
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "fake_board.hpp"
#include "link_test_support.hpp"

int main(int argc, char** argv) {
    using namespace ringside::test;
    const long idle_s = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 30;
    if (idle_s <= 0 || idle_s > 3600) {
        std::cerr << "usage: ringside_fake_board [IDLE seconds, 1..3600]\n";
        return 2;
    }
    Pty pty = open_pty(false);
    std::cout << "ready " << pty.slave_path << std::endl;
    const milliseconds idle(idle_s * 1000);
    // A session ends when its host closes the slave; the PTY stays for the next one (a
    // fresh BoardEnd waits out the EIO a master reads while no slave is open).
    for (;;) {
        BoardEnd board(pty.master);
        if (!board.wait_hello(idle)) break;
        board.send_hello_ack();
        answer_hellos(board, idle);
    }
    return 0;
}
