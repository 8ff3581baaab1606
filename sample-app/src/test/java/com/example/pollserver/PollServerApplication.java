package com.example.pollserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class PollServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PollServerApplication.class, args);
    }

}
